using Tracking.Silo.Hosting;

namespace Tracking.Silo.Tests;

public sealed class SecretKeyFileTests
{
    private static readonly SecretKeyFile s_key = new("TRACKING_TEST_KEY", "test.key");

    [Theory]
    [InlineData("loadtest-rrn-key-not-a-secret-01")]  // text, not base64
    [InlineData("c2hvcnQ=")]  // base64 of five bytes
    [InlineData("")]
    public void A_key_that_is_not_32_bytes_of_base64_is_refused_as_configuration_without_echoing_it(string encoded)
    {
        var refused = Assert.Throws<InvalidDataException>(() => s_key.Decode(encoded));
        Assert.Contains("TRACKING_TEST_KEY", refused.Message);
        Assert.True(encoded.Length == 0 || !refused.Message.Contains(encoded, StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_of_32_bytes_or_more_is_read_as_written()
    {
        var bytes = Enumerable.Range(0, 48).Select(i => (byte)(i * 5)).ToArray();
        Assert.Equal(bytes, s_key.Decode(Convert.ToBase64String(bytes)));
        Assert.Equal(bytes[..32], s_key.Decode(Convert.ToBase64String(bytes[..32])));
    }
}
