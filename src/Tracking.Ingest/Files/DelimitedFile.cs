using System.Text;
using CsvHelper;

namespace Tracking.Ingest.Files;

/// <summary>One data row of a delimited file: its line number in the file and its fields by column name.</summary>
public sealed class DelimitedRow(int line, IReadOnlyDictionary<string, int> columns, string[] fields)
{
    public int Line { get; } = line;

    /// <summary>The trimmed value of a column, or null when the column is absent or the value empty.</summary>
    public string? this[string? column] =>
        column is not null && columns.TryGetValue(column, out var index) && index < fields.Length && fields[index].Trim() is { Length: > 0 } value
            ? value
            : null;
}

/// <summary>
/// Reads a CSV/TSV file in its own encoding, with a header row, reporting malformed rows instead of
/// failing. Rows stream as they are read, so that a file of millions of rows is never held whole.
/// </summary>
public sealed class DelimitedFile : IDisposable
{
    /// <summary>Rows made out together by <see cref="ReadInBlocks"/>: enough to outweigh a task, few enough to keep every core fed on a small file.</summary>
    private const int BlockRows = 2_048;

    private readonly CsvReader _reader;
    private readonly string _name;
    private readonly char _delimiter;
    private readonly bool _endsWithLineBreak;
    private readonly List<RowProblem> _problems;
    private readonly List<(int Line, string Raw)> _rawRejected;
    private readonly List<DelimitedRow> _rejectedRows = [];
    private bool _read;

    static DelimitedFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private DelimitedFile(string path, CsvReader reader, char delimiter, IReadOnlyDictionary<string, int> columns, List<RowProblem> problems, List<(int, string)> rawRejected)
    {
        Path = path;
        _name = System.IO.Path.GetFileName(path);
        _reader = reader;
        _delimiter = delimiter;
        _endsWithLineBreak = EndsWithLineBreak(path);
        Columns = columns;
        _problems = problems;
        _rawRejected = rawRejected;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, int> Columns { get; }

    /// <summary>Rows that could not be split into the header's columns, or that the file ends inside; complete once <see cref="Rows"/> has been read through.</summary>
    public IReadOnlyList<RowProblem> Problems => _problems;

    /// <summary>
    /// The rows of <see cref="Problems"/>, split as far as they can be (on the separator, quotes
    /// aside), so that a reader can tell whose they were: a rejected row must not change its owner.
    /// Complete once <see cref="Rows"/> has been read through.
    /// </summary>
    public IReadOnlyList<DelimitedRow> RejectedRows => _rejectedRows;

    /// <summary>
    /// The file's own problems and those its reader found in its good rows, in line order (the
    /// file's first where a line has both); once <see cref="Rows"/> has been read through.
    /// </summary>
    public RowProblem[] ProblemsWith(IEnumerable<RowProblem> rowProblems) => [.. _problems.Concat(rowProblems).OrderBy(p => p.Line)];

    /// <summary>The rows read so far, good and rejected.</summary>
    public int RowCount { get; private set; }

    public static Encoding EncodingNamed(string name) => name.ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        "cp949" or "euc-kr" or "ks_c_5601-1987" => Encoding.GetEncoding(949),
        _ => throw new ArgumentException($"Unknown encoding '{name}': use utf-8 or cp949."),
    };

    /// <summary>Opens the file and reads its header; throws <see cref="InvalidDataException"/> when it has no usable header or lacks required columns.</summary>
    public static DelimitedFile Open(string path, Encoding encoding, char delimiter, IEnumerable<string> requiredColumns)
    {
        var name = System.IO.Path.GetFileName(path);
        var problems = new List<RowProblem>();
        var rawRejected = new List<(int Line, string Raw)>();
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = true,
            Encoding = encoding,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            PoolStrings = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = record =>
            {
                problems.Add(new RowProblem(name, (int)record.LineNumber, Describe(record.Reason), Rejected: true));
                rawRejected.Add(((int)record.LineNumber, record.RawRecord.ToString() ?? ""));
            },
        };
        var reader = CsvReader.FromFile(path, options);
        try
        {
            reader.ReadHeader();
            var header = reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
            var shownHeader = PrintableText.Clean(string.Join(", ", header), 300);
            if (header.Length == 0)
            {
                throw new InvalidDataException($"{name} is empty: a header row is expected.");
            }

            var columns = header.Select((h, i) => (h, i)).GroupBy(c => c.h).ToDictionary(g => g.Key, g => g.First().i);
            var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToArray();
            if (missing.Length > 0)
            {
                throw new InvalidDataException($"{name} lacks the column(s) {string.Join(", ", missing)} (its header: {shownHeader}). Are the encoding and separator right?");
            }

            return new DelimitedFile(path, reader, delimiter, columns, problems, rawRejected);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The good rows in file order, read as they are asked for; read through once.</summary>
    public IEnumerable<DelimitedRow> Rows()
    {
        if (_read)
        {
            throw new InvalidOperationException($"{_name}'s rows are read once.");
        }

        _read = true;

        // One row is held back: a file that does not end with a line break may have been cut short
        // inside its last row, and a number cut there would still read as a number.
        DelimitedRow? previous = null;
        while (_reader.Read())
        {
            var fields = new string[_reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = _reader.GetString(i);
            }

            TakeRejected();
            RowCount++;
            if (previous is not null)
            {
                yield return previous;
            }

            previous = new DelimitedRow((int)_reader.LineNumber, Columns, fields);
        }

        TakeRejected();
        if (previous is null)
        {
            yield break;
        }

        if (_endsWithLineBreak)
        {
            yield return previous;
        }
        else
        {
            _problems.Add(new RowProblem(_name, previous.Line, "the file ends inside this row, without a line break: it may have been cut short", Rejected: true));
            _rejectedRows.Add(previous);
        }
    }

    /// <summary>
    /// The good rows as <paramref name="read"/> makes them out, in file order. Blocks of rows are
    /// made out on the thread pool, on every core, while this thread splits the next rows and the
    /// caller goes on with what it was handed: what a row says on its own is worked out in
    /// parallel, what depends on the rows before it is left to the caller's loop.
    /// </summary>
    public IEnumerable<T> ReadInBlocks<T>(Func<DelimitedRow[], T[]> read)
    {
        // A few blocks ahead keep the cores busy and hold at most that many blocks in memory; waiting
        // on each in turn keeps the order, and rethrows what a block threw as it was thrown.
        var ahead = new Queue<Task<T[]>>();
        foreach (var block in Rows().Chunk(BlockRows))
        {
            ahead.Enqueue(Task.Run(() => read(block)));
            if (ahead.Count > Environment.ProcessorCount)
            {
                foreach (var item in ahead.Dequeue().GetAwaiter().GetResult())
                {
                    yield return item;
                }
            }
        }

        while (ahead.TryDequeue(out var next))
        {
            foreach (var item in next.GetAwaiter().GetResult())
            {
                yield return item;
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private void TakeRejected()
    {
        foreach (var (line, raw) in _rawRejected)
        {
            _rejectedRows.Add(new DelimitedRow(line, Columns, raw.TrimEnd('\r', '\n').Split(_delimiter)));
            RowCount++;
        }

        _rawRejected.Clear();
    }

    private static bool EndsWithLineBreak(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0)
        {
            return true;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "its number of fields differs from the header's",
        _ => $"malformed quoting ({reason})",
    };
}
