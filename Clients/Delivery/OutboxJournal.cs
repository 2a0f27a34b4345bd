using System.Text.Json;

namespace OrleansHall.Clients.Delivery;

/// <summary>
/// The outbox on disk, so an agent that crashes, is killed or loses power loses nothing it had taken: one line per
/// reading taken ("+" and its JSON, synced to disk before the reading is queued) and per reading settled ("-" and
/// its id, only flushed: a settled line lost in a power cut merely re-sends a reading the cluster stores once).
/// On start the readings taken but not settled are recovered in order and the file is compacted to just them.
/// The file is locked while open, so two agents cannot share it. Not thread-safe on its own: callers serialise.
/// </summary>
public sealed class OutboxJournal<T> : IDisposable
{
    private const int CompactAfterSettled = 10_000;

    private readonly string _path;
    private readonly Func<T, Guid> _idOf;
    private readonly JsonSerializerOptions _json;
    private readonly Dictionary<Guid, (long Sequence, T Item)> _open = [];
    private long _sequence;
    private FileStream _file;
    private StreamWriter _writer;
    private int _settledSinceCompaction;

    private OutboxJournal(string path, Func<T, Guid> idOf, JsonSerializerOptions json, FileStream file)
    {
        _path = path;
        _idOf = idOf;
        _json = json;
        _file = file;
        _writer = new StreamWriter(file) { AutoFlush = true };
    }

    public string Path => _path;

    /// <summary>Lines that could not be read back (a torn last line after a crash), skipped on recovery.</summary>
    public int Unreadable { get; private set; }

    /// <summary>Opens (or creates) the journal and returns it with the readings it still holds, oldest first.</summary>
    public static (OutboxJournal<T> Journal, IReadOnlyList<T> Pending) Open(string path, Func<T, Guid> idOf, JsonSerializerOptions json)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error)
        {
            throw new IOException($"Outbox file '{path}' cannot be opened ({error.Message}); is another hallctl using it?", error);
        }

        var pending = new List<T>();
        var unreadable = 0;
        using (var reader = new StreamReader(file, leaveOpen: true))
        {
            var byId = new Dictionary<Guid, T>();
            var order = new List<Guid>();
            while (reader.ReadLine() is { } line)
            {
                try
                {
                    if (line.StartsWith('+') && JsonSerializer.Deserialize<T>(line.AsSpan(1), json) is { } item)
                    {
                        var id = idOf(item);
                        if (byId.TryAdd(id, item))
                        {
                            order.Add(id);
                        }
                    }
                    else if (line.StartsWith('-') && Guid.TryParse(line.AsSpan(1), out var settled))
                    {
                        byId.Remove(settled);
                    }
                    else
                    {
                        unreadable++;
                    }
                }
                catch (JsonException)
                {
                    unreadable++;
                }
            }

            pending.AddRange(order.Where(byId.ContainsKey).Select(id => byId[id]));
        }

        var journal = new OutboxJournal<T>(path, idOf, json, file) { Unreadable = unreadable };
        journal.Rewrite(pending);
        return (journal, pending);
    }

    /// <summary>Records a reading taken; returns once the line is on disk (fsync), so it survives a power cut too.</summary>
    public void Taken(T item)
    {
        _writer.WriteLine("+" + JsonSerializer.Serialize(item, _json));
        _file.Flush(flushToDisk: true);
        _open[_idOf(item)] = (_sequence++, item);
    }

    /// <summary>Records that a reading left the outbox (delivered, refused or dropped on overflow).</summary>
    public void Settled(T item)
    {
        var id = _idOf(item);
        if (!_open.Remove(id))
        {
            return;
        }

        _writer.WriteLine($"-{id:D}");
        if (++_settledSinceCompaction >= CompactAfterSettled)
        {
            Rewrite([.. _open.Values.OrderBy(e => e.Sequence).Select(e => e.Item)]);
        }
    }

    public void Dispose() => _writer.Dispose();

    private void Rewrite(IReadOnlyList<T> pending)
    {
        _writer.Flush();
        _file.SetLength(0);
        _file.Position = 0;
        _open.Clear();
        foreach (var item in pending)
        {
            Taken(item);
        }

        _writer.Flush();
        _file.Flush(flushToDisk: true);
        _settledSinceCompaction = 0;
    }
}
