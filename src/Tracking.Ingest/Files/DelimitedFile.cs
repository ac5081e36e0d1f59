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

/// <summary>Reads CSV/TSV files in their own encoding, with a header row, reporting malformed rows instead of failing.</summary>
public sealed class DelimitedFile
{
    static DelimitedFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private DelimitedFile(string path, IReadOnlyDictionary<string, int> columns, IReadOnlyList<DelimitedRow> rows, IReadOnlyList<RowProblem> problems, IReadOnlyList<DelimitedRow> rejectedRows)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
        Problems = problems;
        RejectedRows = rejectedRows;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, int> Columns { get; }

    public IReadOnlyList<DelimitedRow> Rows { get; }

    /// <summary>Rows that could not be split into the header's columns, or that the file ends inside.</summary>
    public IReadOnlyList<RowProblem> Problems { get; }

    /// <summary>
    /// The rows of <see cref="Problems"/>, split as far as they can be (on the separator, quotes
    /// aside), so that a reader can tell whose they were: a rejected row must not change its owner.
    /// </summary>
    public IReadOnlyList<DelimitedRow> RejectedRows { get; }

    public static Encoding EncodingNamed(string name) => name.ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        "cp949" or "euc-kr" or "ks_c_5601-1987" => Encoding.GetEncoding(949),
        _ => throw new ArgumentException($"Unknown encoding '{name}': use utf-8 or cp949."),
    };

    /// <summary>Reads the whole file; throws <see cref="InvalidDataException"/> when it has no usable header or lacks required columns.</summary>
    public static DelimitedFile Read(string path, Encoding encoding, char delimiter, IEnumerable<string> requiredColumns)
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
        using var reader = CsvReader.FromFile(path, options);
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

        var rows = new List<DelimitedRow>();
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }

            rows.Add(new DelimitedRow((int)reader.LineNumber, columns, fields));
        }

        var rejected = rawRejected.Select(r => new DelimitedRow(r.Line, columns, r.Raw.TrimEnd('\r', '\n').Split(delimiter))).ToList();

        // A file that does not end with a line break may have been cut short inside its last row:
        // a number cut there would still read as a number.
        if (rows.Count > 0 && !EndsWithLineBreak(path))
        {
            var last = rows[^1];
            rows.RemoveAt(rows.Count - 1);
            problems.Add(new RowProblem(name, last.Line, "the file ends inside this row, without a line break: it may have been cut short", Rejected: true));
            rejected.Add(last);
        }

        return new DelimitedFile(path, columns, rows, problems, rejected);
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
