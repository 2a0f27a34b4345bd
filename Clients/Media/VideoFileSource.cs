using OpenCvSharp;

namespace OrleansHall.Clients.Media;

/// <summary>
/// Frames decoded from a video file and re-encoded as JPEG. When the feed runs slower than the video,
/// frames in between are skipped so the scene moves at its real pace.
/// </summary>
public sealed class VideoFileSource : IFrameSource
{
    private readonly string _path;
    private readonly bool _loop;
    private readonly int _stride;
    private readonly Mat _frame = new();
    private readonly int[] _jpegQuality = [(int)ImwriteFlags.JpegQuality, 85];
    private VideoCapture _capture;

    public VideoFileSource(string path, double feedFps, bool loop)
    {
        _path = path;
        _loop = loop;
        _capture = Open(path);
        var videoFps = _capture.Fps is > 0 and < 1000 ? _capture.Fps : 25;
        _stride = Math.Max(1, (int)Math.Round(videoFps / feedFps));
        Description = $"video {Path.GetFileName(path)} {_capture.FrameWidth}x{_capture.FrameHeight} @ {videoFps:0.#} fps, sending 1 of every {_stride} frames";
    }

    public string Description { get; }

    public byte[]? Next()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            for (var skip = 1; skip < _stride; skip++)
            {
                _capture.Grab();
            }

            if (_capture.Read(_frame) && !_frame.Empty())
            {
                Cv2.ImEncode(".jpg", _frame, out var jpeg, _jpegQuality);
                return jpeg;
            }

            if (!_loop)
            {
                return null;
            }

            // Rewinding by re-opening works for every container, unlike seeking.
            _capture.Dispose();
            _capture = Open(_path);
        }

        return null;
    }

    public void Dispose()
    {
        _capture.Dispose();
        _frame.Dispose();
    }

    private static VideoCapture Open(string path)
    {
        var capture = new VideoCapture(path);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new InvalidDataException($"cannot decode video '{path}': expected a video file OpenCV/FFmpeg can read (e.g. .avi, .mp4)");
        }

        return capture;
    }
}
