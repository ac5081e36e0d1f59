using System.Security.Cryptography;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Prices;

namespace Tracking.ExchangeSim;

/// <summary>Loads the exchanges' own member lists and the price list named at start-up.</summary>
public static partial class AccountLoader
{
    public static void Load(SimOptions options, ExchangeMarket market, ILogger logger)
    {
        if (options.Prices is { } pricesPath)
        {
            var prices = PriceFileReader.Read(pricesPath);
            market.Prices.Set(prices.Prices);
            LogLoaded(logger, prices.Prices.Count, "prices", pricesPath, prices.Problems.Count);
        }

        if (options.Accounts is not { } directory)
        {
            return;
        }

        // The exchange's copy of its members: identities are not the simulator's concern, so RRNs are hashed with a throw-away key.
        var key = RandomNumberGenerator.GetBytes(32);
        foreach (var (exchange, profile) in ExchangeProfile.LoadAll(options.Profiles))
        {
            var file = Directory.EnumerateFiles(directory, exchange + ".*").FirstOrDefault();
            if (file is null)
            {
                continue;
            }

            var read = AccountFileReader.Read(file, profile, key);
            foreach (var account in read.Accounts)
            {
                market[exchange].PutAccount(account.AccountId, account.Holdings.Select(h => (h.Asset, h.Total, h.Locked)), closed: false);
            }

            LogLoaded(logger, read.Accounts.Count, exchange + " accounts", file, read.Problems.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} {What} from {Path} ({Problems} row problems)")]
    private static partial void LogLoaded(ILogger logger, int count, string what, string path, int problems);
}
