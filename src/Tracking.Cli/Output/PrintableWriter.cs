using System.Text;
using Tracking.Ingest.Files;

namespace Tracking.Cli.Output;

/// <summary>
/// The command's standard output with every control or formatting character but line breaks and
/// tabs shown as '?': text read from files and exchanges (names, tax types, reasons) must not drive
/// the operator's terminal (escape sequences, right-to-left overrides). Progress bars and live
/// views write through their own console, made before this one takes the place of stdout.
/// </summary>
internal sealed class PrintableWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => inner.Write(Printable(value));

    public override void Write(string? value)
    {
        if (value is not null)
        {
            WritePrintable(value.ToCharArray());
        }
    }

    public override void Write(char[] buffer, int index, int count) => WritePrintable(buffer.AsSpan(index, count).ToArray());

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Flush();
        }

        base.Dispose(disposing);
    }

    /// <summary>Writes <paramref name="chars"/>, a copy the caller gives away, with hidden characters replaced.</summary>
    private void WritePrintable(char[] chars)
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Printable(chars[i]);
        }

        inner.Write(chars);
    }

    private static char Printable(char c) => c is not ('\n' or '\r') && PrintableText.IsHidden(c) ? '?' : c;
}
