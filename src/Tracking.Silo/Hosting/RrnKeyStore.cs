using System.Security.Cryptography;

namespace Tracking.Silo.Hosting;

/// <summary>
/// The secret key RRNs are hashed with. Every process of one installation must use the same key,
/// or hashes will not meet: it comes from <c>TRACKING_RRN_KEY</c> (base64, at least 32 bytes), or
/// else from <c>rrn-hmac.key</c> in the data directory, created on first use, readable by the owner only.
/// </summary>
public static class RrnKeyStore
{
    public const string Variable = "TRACKING_RRN_KEY";
    public const string FileName = "rrn-hmac.key";

    public static byte[] Load(string dataDirectory)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } encoded)
        {
            var key = Convert.FromBase64String(encoded);
            return key.Length >= 32 ? key : throw new InvalidOperationException($"{Variable} must hold at least 32 bytes (base64).");
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
