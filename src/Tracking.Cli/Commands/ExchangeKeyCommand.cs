using System.CommandLine;
using Tracking.ExchangeApi;
using Tracking.Silo.Hosting;

namespace Tracking.Cli.Commands;

/// <summary>
/// <c>tracking exchange-key NAME</c>: the key one exchange signs its callbacks with (base64),
/// derived from this installation's callback secret, to be handed to that exchange alone.
/// </summary>
internal static class ExchangeKeyCommand
{
    public static Command Create()
    {
        var exchange = new Argument<string>("exchange") { Description = "The exchange's name, as in its API address (upbit, bithumb, …)" };
        var command = new Command("exchange-key", $"Print the key EXCHANGE signs its callbacks with (from {CallbackSecretStore.Variable}, or {CallbackSecretStore.FileName} in the data directory)") { exchange };
        command.SetAction(result =>
        {
            var secret = CallbackSecretStore.Load(result.GetValue(GlobalOptions.Data)!);
            Console.WriteLine(Convert.ToBase64String(CallbackSignature.ExchangeKey(secret, result.GetValue(exchange)!)));
        });
        return command;
    }
}
