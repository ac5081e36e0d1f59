using System.Diagnostics;

namespace Tracking.TestingHost;

/// <summary>What a PDF shows, read with Poppler's tools (<c>./test.sh</c> installs Debian's poppler-utils).</summary>
public static class PdfFile
{
    /// <summary>The PDF's text, as <c>pdftotext</c> extracts it.</summary>
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var (file, folder) = await WriteAsync(pdf);
        try
        {
            return await RunAsync("pdftotext", "-layout", file, "-");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Its first page drawn by <c>pdftoppm</c> as a PNG, kept beside the console's screenshots when <c>./test.sh</c> names a folder for them.</summary>
    public static async Task<byte[]> FirstPageAsync(byte[] pdf, string name)
    {
        var (file, folder) = await WriteAsync(pdf);
        try
        {
            await RunAsync("pdftoppm", "-png", "-r", "60", "-singlefile", "-f", "1", file, Path.Combine(folder, "page"));
            var png = await File.ReadAllBytesAsync(Path.Combine(folder, "page.png"));
            if (Environment.GetEnvironmentVariable("TRACKING_TEST_ARTIFACTS") is { Length: > 0 } artifacts)
            {
                Directory.CreateDirectory(artifacts);
                await File.WriteAllBytesAsync(Path.Combine(artifacts, name + ".png"), png);
            }

            return png;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(string File, string Folder)> WriteAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("tracking-test-pdf-").FullName;
        var file = Path.Combine(folder, "document.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        return (file, folder);
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{tool} failed: {await errors}");
    }
}
