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

        return Decode(encoded);
    }

    /// <summary>The secret written in base64; a value that is not one is a mistake of configuration, told as such.</summary>
    public byte[] Decode(string encoded)
    {
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        try
        {
            return Convert.TryFromBase64String(encoded, buffer, out var length) && length >= 32
                ? buffer[..length]
                : throw new InvalidDataException($"{Variable} must hold at least 32 bytes, written in base64 (e.g. the output of `openssl rand -base64 32`).");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
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
