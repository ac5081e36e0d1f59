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

    private DelimitedFile(string path, IReadOnlyDictionary<string, int> columns, IReadOnlyList<DelimitedRow> rows, IReadOnlyList<RowProblem> problems)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
        Problems = problems;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, int> Columns { get; }

    public IReadOnlyList<DelimitedRow> Rows { get; }

    /// <summary>Rows that could not be split into the header's columns.</summary>
    public IReadOnlyList<RowProblem> Problems { get; }

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
            OnMalformedRecord = record => problems.Add(new RowProblem(name, (int)record.LineNumber, Describe(record.Reason), Rejected: true)),
        };
        using var reader = CsvReader.FromFile(path, options);
        reader.ReadHeader();
        var header = reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        if (header.Length == 0)
        {
            throw new InvalidDataException($"{name} is empty: a header row is expected.");
        }

        var columns = header.Select((h, i) => (h, i)).GroupBy(c => c.h).ToDictionary(g => g.Key, g => g.First().i);
        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"{name} lacks the column(s) {string.Join(", ", missing)} (its header: {string.Join(", ", header)}). Are the encoding and separator right?");
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

        return new DelimitedFile(path, columns, rows, problems);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "its number of fields differs from the header's",
        _ => $"malformed quoting ({reason})",
    };
}
