using System.Collections.Concurrent;

namespace Tracking.Silo.Api;

/// <summary>How far an upload has got: reading its files, storing its records (so many of so many), or finished.</summary>
public sealed record UploadStatus(string Phase, int Done, int Total);

/// <summary>
/// The progress of uploads under way, by the id their page gave and by who sent them, so that the
/// page can show records per second and the time left, as the command line does. An upload's
/// progress is kept a while after it ends (the page's last poll may come after the answer), and
/// the ids come from outside, so there are at most <see cref="MostTracked"/>.
/// </summary>
public sealed class UploadProgress(TimeProvider time)
{
    public const string Header = "X-Upload-Id";

    /// <summary>Uploads tracked at once; an upload beyond them goes ahead without progress.</summary>
    public const int MostTracked = 256;

    /// <summary>How long a finished upload's progress is kept.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string Actor, string Id), Tracker> _uploads = new();

    /// <summary>An id a page may give: 8 to 64 ASCII letters, digits and dashes (a UUID is one).</summary>
    public static bool IsId(string? id) => id is { Length: >= 8 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>Starts tracking an upload, or null when too many are tracked.</summary>
    public Tracker? Start(string actor, string id)
    {
        var now = time.GetUtcNow();
        foreach (var (key, old) in _uploads)
        {
            if (old.FinishedAt is { } finished && now - finished > KeptFor)
            {
                _uploads.TryRemove(key, out _);
            }
        }

        if (_uploads.Count >= MostTracked)
        {
            return null;
        }

        var tracker = new Tracker(time);
        _uploads[(actor, id)] = tracker;
        return tracker;
    }

    /// <summary>The upload's progress, if it is this actor's and known.</summary>
    public UploadStatus? Find(string actor, string id) => _uploads.TryGetValue((actor, id), out var tracker) ? tracker.Status : null;

    /// <summary>One upload's progress.</summary>
    public sealed class Tracker(TimeProvider time) : IProgress<int>
    {
        private int _total = -1;
        private int _done;

        public DateTimeOffset? FinishedAt { get; private set; }

        public UploadStatus Status
        {
            get
            {
                var total = Volatile.Read(ref _total);
                return new UploadStatus(FinishedAt is not null ? "finished" : total < 0 ? "reading" : "storing", Math.Max(Volatile.Read(ref _done), 0), Math.Max(total, 0));
            }
        }

        /// <summary>The files are read: so many records to store.</summary>
        public IProgress<int> Storing(int total)
        {
            Volatile.Write(ref _total, total);
            return this;
        }

        /// <summary>Records stored so far; reports come from many threads, and the largest is kept.</summary>
        public void Report(int value)
        {
            for (var done = Volatile.Read(ref _done); value > done; done = Volatile.Read(ref _done))
            {
                if (Interlocked.CompareExchange(ref _done, value, done) == done)
                {
                    return;
                }
            }
        }

        public void Finish() => FinishedAt = time.GetUtcNow();
    }
}
