using Microsoft.Extensions.Configuration;
using Tracking.Silo.Hosting;

namespace Tracking.Silo.Tests;

/// <summary>A silo reads its settings once: no file watcher follows the working directory, where the embedded store writes.</summary>
public sealed class ConfigurationWatchTests
{
    [Fact]
    public async Task A_silo_host_watches_no_configuration_file()
    {
        var data = Directory.CreateTempSubdirectory("tracking-config-").FullName;
        try
        {
            await using var app = SiloWebHost.Build(new SiloHostSettings(new StorageSettings(data, null), "http://127.0.0.1:0"));
            var files = ((IConfigurationBuilder)app.Configuration).Sources.OfType<FileConfigurationSource>().ToArray();

            Assert.NotEmpty(files);
            Assert.All(files, file => Assert.False(file.ReloadOnChange, $"{file.Path} is watched"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
