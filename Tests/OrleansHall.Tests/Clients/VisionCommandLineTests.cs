using System.Text.Json;
using OpenCvSharp;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Clients;

/// <summary>`hallctl vision ...` run as a real process from its build output, on real photos with the real models.</summary>
public sealed class VisionCommandLineTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("orleanshall-vision-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Theory]
    [InlineData("sample1.jpg", 3)]
    [InlineData("sample5.jpg", 5)]
    public async Task Detect_reports_every_face_of_a_group_photo_as_json(string photo, int faces)
    {
        var (exit, stdout, stderr) = await HallCtlAsync("vision", "detect", Repository.Media(photo), "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var found = json.RootElement.GetProperty("faces").EnumerateArray().ToList();
        Assert.Equal(faces, found.Count);
        Assert.All(found, f =>
        {
            Assert.Equal(4, f.GetProperty("box").GetArrayLength());
            Assert.Contains(f.GetProperty("gender").GetString(), new[] { "female", "male" });
            Assert.InRange(f.GetProperty("age").GetDouble(), 1, 100);
            Assert.InRange(f.GetProperty("liveness").GetDouble(), 0, 1);
            Assert.InRange(f.GetProperty("score").GetDouble(), 0.5, 1);
        });
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("people").ValueKind);
    }

    [Fact]
    public async Task Compare_says_a_mirrored_half_size_copy_is_the_same_person_and_a_neighbour_is_not()
    {
        var (first, second) = await TwoFacesAsync("sample1.jpg");
        var mirrored = Path.Combine(_scratch.FullName, "mirrored.jpg");
        using (var face = Cv2.ImRead(first))
        using (var flipped = new Mat())
        using (var small = new Mat())
        {
            Cv2.Flip(face, flipped, FlipMode.Y);
            Cv2.Resize(flipped, small, new Size(face.Cols / 2, face.Rows / 2), 0, 0, InterpolationFlags.Area);
            Cv2.ImWrite(mirrored, small);
        }

        var same = await CompareAsync(first, mirrored);
        var different = await CompareAsync(first, second);

        Assert.True(same.GetProperty("same").GetBoolean(), $"mirrored copy: {same}");
        Assert.False(different.GetProperty("same").GetBoolean(), $"two people: {different}");
        Assert.True(same.GetProperty("similarity").GetDouble() > different.GetProperty("similarity").GetDouble());
        Assert.Equal(same.GetProperty("threshold").GetDouble(), different.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task Annotate_writes_a_readable_image_of_the_same_size_with_the_faces_drawn()
    {
        var input = Repository.Media("sample2.jpg");
        var output = Path.Combine(_scratch.FullName, "annotated.png");

        var (exit, _, stderr) = await HallCtlAsync("vision", "annotate", input, output);

        Assert.True(exit == 0, stderr);
        using var original = Cv2.ImRead(input);
        using var annotated = Cv2.ImRead(output);
        Assert.False(annotated.Empty(), $"{output} is not a readable image");
        Assert.Equal(original.Size(), annotated.Size());
        using var difference = new Mat();
        Cv2.Absdiff(original, annotated, difference);
        Assert.True(Cv2.Norm(difference, NormTypes.L1) > 0, "nothing was drawn");
    }

    [Fact]
    public async Task Annotate_writes_a_playable_video_with_the_requested_frames()
    {
        var output = Path.Combine(_scratch.FullName, "annotated.avi");

        var (exit, _, stderr) = await HallCtlAsync("vision", "annotate", Repository.Media("vtest.avi"), output, "--max-frames", "8");

        Assert.True(exit == 0, stderr);
        using var capture = new VideoCapture(output);
        Assert.True(capture.IsOpened(), $"{output} cannot be opened");
        using var frame = new Mat();
        var frames = 0;
        while (capture.Read(frame) && !frame.Empty())
        {
            Assert.Equal(new Size(768, 576), frame.Size());
            frames++;
        }

        Assert.Equal(8, frames);
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("text", "is not a JPEG or PNG image")]
    [InlineData("truncated", "could not be decoded")]
    [InlineData("too-wide", "expected at most 8192 px a side")]
    [InlineData("too-big", "expected at most 20 MB")]
    [InlineData("no-face", "shows no face")]
    public async Task Bad_input_fails_with_one_line_naming_the_file_and_what_was_expected(string kind, string expected)
    {
        var bad = MakeBadInput(kind);

        var (exit, stdout, stderr) = await HallCtlAsync("vision", "compare", bad, Repository.Media("sample1.jpg"));

        Assert.NotEqual(0, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.Contains(Path.GetFileName(bad), line);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task A_missing_model_directory_names_the_fetch_script()
    {
        var (exit, _, stderr) = await HallCtlAsync("vision", "detect", Repository.Media("sample1.jpg"), "--models", Path.Combine(_scratch.FullName, "none"));

        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("deploy/fetch-media.sh", line);
    }

    [Fact]
    public async Task A_missing_operand_is_a_usage_error()
    {
        var (exit, _, stderr) = await HallCtlAsync("vision", "compare", Repository.Media("sample1.jpg"));

        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("IMAGE_A IMAGE_B", line);
    }

    private string MakeBadInput(string kind)
    {
        var path = Path.Combine(_scratch.FullName, $"{kind}.{(kind == "too-wide" || kind == "no-face" ? "png" : "jpg")}");
        switch (kind)
        {
            case "text":
                File.WriteAllText(path, "this is not a picture");
                break;
            case "truncated":
                var jpeg = File.ReadAllBytes(Repository.Media("sample3.jpg"));
                File.WriteAllBytes(path, jpeg[..600]);
                break;
            case "too-wide":
                using (var wide = new Mat(16, 9000, MatType.CV_8UC3, Scalar.All(128)))
                {
                    Cv2.ImWrite(path, wide);
                }

                break;
            case "too-big":
                var big = new byte[21 * 1024 * 1024];
                File.ReadAllBytes(Repository.Media("sample1.jpg")).CopyTo(big, 0);
                File.WriteAllBytes(path, big);
                break;
            case "no-face":
                using (var plain = new Mat(480, 640, MatType.CV_8UC3, new Scalar(90, 160, 200)))
                {
                    Cv2.ImWrite(path, plain);
                }

                break;
        }

        return path;
    }

    // Crops the two largest faces of a photo, each with some context, into files of their own.
    private async Task<(string First, string Second)> TwoFacesAsync(string photo)
    {
        var (exit, stdout, stderr) = await HallCtlAsync("vision", "detect", Repository.Media(photo), "--json");
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var boxes = json.RootElement.GetProperty("faces").EnumerateArray()
            .Select(f => f.GetProperty("box").EnumerateArray().Select(v => v.GetDouble()).ToArray())
            .OrderByDescending(b => b[2] * b[3])
            .Take(2)
            .ToList();
        Assert.Equal(2, boxes.Count);
        using var image = Cv2.ImRead(Repository.Media(photo));
        var files = boxes.Select((b, i) =>
        {
            var rect = new Rect((int)(b[0] - b[2]), (int)(b[1] - b[3]), (int)(b[2] * 3), (int)(b[3] * 3))
                .Intersect(new Rect(0, 0, image.Cols, image.Rows));
            var path = Path.Combine(_scratch.FullName, $"face{i}.jpg");
            using var crop = new Mat(image, rect);
            Cv2.ImWrite(path, crop);
            return path;
        }).ToList();
        return (files[0], files[1]);
    }

    private async Task<JsonElement> CompareAsync(string a, string b)
    {
        var (exit, stdout, stderr) = await HallCtlAsync("vision", "compare", a, b, "--json");
        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> HallCtlAsync(params string[] args)
    {
        await using var hallctl = new ChildProcess("dotnet", [Repository.HallCtl, .. args]);
        hallctl.CloseInput();
        var exit = await hallctl.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (exit, hallctl.StandardOutput.Trim(), hallctl.StandardError);
    }
}
