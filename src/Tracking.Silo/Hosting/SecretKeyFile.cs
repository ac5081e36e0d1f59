using System.Security.Cryptography;

namespace Tracking.Silo.Hosting;

/// <summary>
/// A secret every process of one installation must share: from an environment variable (base64,
/// at least 32 bytes), or else from a file in the data directory, created on first use and
/// readable by its owner only.
/// </summary>
public sealed record SecretKeyFile(string Variable, string FileName)
{
    /// <summary>The secret the environment gives, or null.</summary>
    public byte[]? FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } encoded)
        {
            return null;
        }

        var key = Convert.FromBase64String(encoded);
        return key.Length >= 32 ? key : throw new InvalidOperationException($"{Variable} must hold at least 32 bytes (base64).");
    }

    public byte[] Load(string dataDirectory)
    {
        if (FromEnvironment() is { } key)
        {
            return key;
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }

        Directory.CreateDirectory(dataDirectory);
        var created = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(created);
        }

        return created;
    }
}
