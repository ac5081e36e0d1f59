namespace Tracking.Domain.Seizures;

/// <summary>The legal documents of a seizure's life.</summary>
public enum SeizureDocumentKind
{
    /// <summary>채권압류통지서: the notice to the exchange as third-party debtor (Art. 51, 61(3)).</summary>
    ExchangeNotice,

    /// <summary>압류조서: the seizure record (Art. 38).</summary>
    SeizureRecord,

    /// <summary>압류통지서: the seizure notice to the taxpayer (Art. 38, 52).</summary>
    TaxpayerNotice,

    /// <summary>매각예고통지서: the warning of a sale (Art. 71).</summary>
    SaleWarning,

    /// <summary>배분계산서: how money received was applied and what was refunded (Art. 97–99).</summary>
    DistributionStatement,

    /// <summary>압류해제조서: the release record (Art. 63–64).</summary>
    ReleaseRecord,

    /// <summary>압류해제통지서 to the exchange as third-party debtor: release the account (Art. 63–64).</summary>
    ReleaseNotice,

    /// <summary>압류해제통지서 to the taxpayer: the seizure is released (Art. 63–64).</summary>
    TaxpayerReleaseNotice,

    /// <summary>압류금 반환통지서: money collected by a seizure since cancelled goes back to the account holder.</summary>
    RefundNotice,
}

/// <summary>A document issued by a seizure, rendered on demand from its history.</summary>
public sealed record SeizureDocument(string DocumentId, SeizureDocumentKind Kind);
