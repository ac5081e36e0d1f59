namespace Tracking.LoadTests.Office;

/// <summary>The case API's endpoints the office uses, by route ({pair}: taxpayer/exchange/account): the names its requests are counted under.</summary>
internal static class OfficeEndpoints
{
    /// <summary>Who am I: HTTP, cookie and JSON without a grain, the baseline.</summary>
    public const string Session = "GET /api/session";
    public const string CasePage = "GET /api/cases";
    public const string CaseInFull = "GET /api/cases/{id}";
    public const string Taxpayer = "GET /api/taxpayers/{id}";
    public const string ReviewPage = "GET /api/reviews";
    public const string Evidence = "GET /api/reviews/{pair}";
    public const string OpenCases = "POST /api/cases";
    public const string Opening = "GET /api/cases/opening";
    public const string SaleApprovals = "POST /api/cases/sale-approvals";
    public const string ReviewApprovals = "POST /api/reviews/approvals";
    public const string ReviewRejection = "POST /api/reviews/{pair}/rejection";
    public const string Payment = "POST /api/taxpayers/{id}/payments";
}
