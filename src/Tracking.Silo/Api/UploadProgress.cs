namespace Tracking.Silo.Api;

/// <summary>How far an upload has got: reading its files, storing its records (so many of so many), or finished.</summary>
public sealed record UploadStatus(string Phase, int Done, int Total);

/// <summary>
/// The progress of uploads under way, by the id their page gave and by who sent them, so that the
/// page can show records per second and the time left, as the command line does. An upload's
/// progress is kept a while after it ends (the page's last poll may come after the answer). The
/// ids come from outside: a sender has at most <see cref="MostPerSender"/> tracked and all together
/// at most <see cref="MostTracked"/>, the oldest finished let go first, so no one can fill it for others.
/// </summary>
public sealed class UploadProgress(TimeProvider time)
{
    public const string Header = "X-Upload-Id";

    /// <summary>Uploads tracked at once; an upload beyond them goes ahead without progress.</summary>
    public const int MostTracked = 256;

    /// <summary>Uploads of one sender tracked at once.</summary>
    public const int MostPerSender = 8;

    /// <summary>How long a finished upload's progress is kept.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    private readonly Dictionary<(string Actor, string Id), Tracker> _uploads = [];
    private readonly Lock _lock = new();

    /// <summary>An id a page may give: 8 to 64 ASCII letters, digits and dashes (a UUID is one).</summary>
    public static bool IsId(string? id) => id is { Length: >= 8 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>Starts tracking an upload, or null when its sender's or everyone's uploads under way fill the room.</summary>
    public Tracker? Start(string actor, string id)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var key in _uploads.Where(u => u.Value.FinishedBefore(now - KeptFor)).Select(u => u.Key).ToArray())
            {
                _uploads.Remove(key);
            }

            _uploads.Remove((actor, id));
            if (!MakeRoom(u => u.Key.Actor == actor, MostPerSender) || !MakeRoom(_ => true, MostTracked))
            {
                return null;
            }

            return _uploads[(actor, id)] = new Tracker(time);
        }
    }

    /// <summary>The upload's progress, if it is this actor's and known.</summary>
    public UploadStatus? Find(string actor, string id)
    {
        lock (_lock)
        {
            return _uploads.TryGetValue((actor, id), out var tracker) && !tracker.FinishedBefore(time.GetUtcNow() - KeptFor) ? tracker.Status : null;
        }
    }

    /// <summary>Lets go the oldest finished uploads among those chosen until fewer than <paramref name="most"/> are left; false when those under way fill it.</summary>
    private bool MakeRoom(Func<KeyValuePair<(string Actor, string Id), Tracker>, bool> among, int most)
    {
        var chosen = _uploads.Where(among).ToArray();
        foreach (var finished in chosen.Where(u => u.Value.Finished).OrderBy(u => u.Value.FinishedTicks).Take(Math.Max(0, chosen.Length - most + 1)))
        {
            _uploads.Remove(finished.Key);
        }

        return _uploads.Count(among) < most;
    }

    /// <summary>One upload's progress; reported from many threads while it is read.</summary>
    public sealed class Tracker(TimeProvider time) : IProgress<int>
    {
        private int _total = -1;
        private int _done;
        private long _finishedTicks = -1;

        public bool Finished => FinishedTicks >= 0;

        internal long FinishedTicks => Volatile.Read(ref _finishedTicks);

        public UploadStatus Status
        {
            get
            {
                var total = Volatile.Read(ref _total);
                return new UploadStatus(Finished ? "finished" : total < 0 ? "reading" : "storing", Volatile.Read(ref _done), Math.Max(total, 0));
            }
        }

        /// <summary>The files are read: so many records to store.</summary>
        public IProgress<int> Storing(int total)
        {
            Volatile.Write(ref _total, total);
            return this;
        }

        /// <summary>Records stored so far; reports may come out of order, and the largest is kept.</summary>
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

        public void Finish() => Volatile.Write(ref _finishedTicks, time.GetUtcNow().UtcTicks);

        internal bool FinishedBefore(DateTimeOffset moment) => Finished && FinishedTicks < moment.UtcTicks;
    }
}
