namespace Tracking.LoadTests.Office;

/// <summary>What reading every case back at the end found.</summary>
internal sealed record OfficeMonthCheck(int Seizures, int Closed, int LostEvents, int MoneyMismatches, int CarriedOutTwice, int PaymentsNotBookedOnce);
