using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Tracking.Domain.Seizures;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;

namespace Tracking.Grains.Documents;

/// <summary>
/// Renders a seizure's documents as HTML from its history, as they stood when issued. The
/// taxpayer appears by name and masked resident registration number only.
/// </summary>
public static class SeizureDocumentRenderer
{
    private static readonly HtmlEncoder s_html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The document, or null when this case issued none under that id.</summary>
    public static string? Render(CaseDetail detail, TaxpayerView? taxpayer, string documentId, string issuer)
    {
        var issued = detail.History.FirstOrDefault(e => e.Event.Document?.DocumentId == documentId);
        if (issued is null)
        {
            return null;
        }

        var seizure = detail.Seizure;
        var @event = issued.Event;
        var kind = @event.Document!.Kind;
        var upTo = detail.History.TakeWhile(e => e != issued).Append(issued).Select(e => e.Event).ToArray();
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>").Append(E(Title(kind))).Append("</title>")
            .Append("<style>@page{size:A4;margin:18mm}body{font-family:\"NanumGothic\",\"Noto Sans CJK KR\",sans-serif;max-width:48em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;text-align:left}.basis{color:#555;font-size:.9em}.en{color:#555;font-size:.85em}</style></head><body>");
        html.Append("<h1>").Append(E(Title(kind))).Append("</h1>");
        html.Append("<table>");
        Row(html, "문서번호 Document", documentId);
        Row(html, "일자 Date", Domain.KoreaTime.Minutes(@event.At));
        Row(html, "사건 Case", seizure.SeizureId);
        Row(html, "체납자 Taxpayer", $"{seizure.TaxpayerId} {taxpayer?.Profile?.Name} {taxpayer?.Profile?.RrnMasked}".Trim());
        Row(html, "제3채무자 Third-party debtor", $"{seizure.Exchange} (account {seizure.AccountId})");
        Row(html, "발행 Issuer", issuer);
        Row(html, "담당 Actor", @event.Actor);
        html.Append("</table>");
        if (@event.KoreanReason.Length > 0)
        {
            Said(html, @event.KoreanReason, @event.Reason);
        }
        else
        {
            html.Append("<p>").Append(E(@event.Reason)).Append("</p>");
        }
        Body(html, kind, upTo);
        html.Append("<p class=\"basis\">").Append(E(Basis(kind))).Append("</p></body></html>");
        return html.ToString();
    }

    private static void Body(StringBuilder html, SeizureDocumentKind kind, IReadOnlyList<SeizureEvent> upTo)
    {
        var opened = upTo.OfType<SeizureOpened>().First();
        switch (kind)
        {
            case SeizureDocumentKind.ExchangeNotice:
                Said(
                    html,
                    $"체납자에게 지급할 채권(체납자 명의로 보관 중인 가상자산과 원화)을 체납액 {Domain.Won.Format(opened.DebtToCover)} 한도에서 압류합니다. 계좌를 동결하고 보유 내역을 보고하며, 체납자에게 지급하거나 이전하지 마십시오.",
                    $"The receivable (virtual assets and KRW held for the taxpayer) is seized up to the amount owed, {Domain.Won.Format(opened.DebtToCover)}. Freeze the account, report its holdings, and do not pay or transfer to the taxpayer.");
                break;
            case SeizureDocumentKind.SeizureRecord or SeizureDocumentKind.TaxpayerNotice:
                var effect = upTo.OfType<SeizureTookEffect>().Last();
                html.Append("<table><tr><th>자산 Asset</th><th>수량 Quantity</th></tr>");
                foreach (var holding in effect.Holdings)
                {
                    html.Append("<tr><td>").Append(E(holding.Asset)).Append("</td><td>").Append(holding.Total.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
                }

                html.Append("</table>");
                Said(
                    html,
                    $"평가액 {Domain.Won.Format(effect.Valuation)}, 체납액 {Domain.Won.Format(opened.DebtToCover)}.",
                    $"Valued at {Domain.Won.Format(effect.Valuation)} for a debt of {Domain.Won.Format(opened.DebtToCover)}.");
                if (kind == SeizureDocumentKind.TaxpayerNotice)
                {
                    Said(
                        html,
                        "이 통지를 받은 때부터 압류된 자산을 추심·이전하거나 그 밖의 방법으로 처분할 수 없습니다.",
                        "From this notice you may not collect, transfer or otherwise dispose of the seized assets.");
                }

                break;
            case SeizureDocumentKind.SaleWarning:
                var after = Domain.KoreaTime.Day(upTo.OfType<SaleWarned>().Last().WaitUntil);
                Said(
                    html,
                    $"체납액을 납부하지 않으면 {after} 이후 압류 자산을 거래소를 통해 체납액에 충당할 만큼만 매각하고, 나머지는 압류를 해제합니다.",
                    $"Unless the debt is paid, the seized assets will be sold through the exchange after {after}, only as much as covers the debt; the rest will be released.");
                break;
            case SeizureDocumentKind.DistributionStatement:
                var distributed = upTo.OfType<ProceedsDistributed>().Last();
                html.Append("<table>");
                Row(html, "수령액 Received", Domain.Won.Format(distributed.Amount));
                Row(html, "충당액 Applied to the debt", Domain.Won.Format(distributed.Applied));
                Row(html, "잔여금 Refunded to the taxpayer", Domain.Won.Format(distributed.Refunded));
                html.Append("</table>");
                break;
            case SeizureDocumentKind.RefundNotice:
                var returned = upTo.OfType<ProceedsReturned>().Last();
                var cancelled = upTo.OfType<SeizureCancelled>().Last();
                html.Append("<table>");
                Row(html, "반환액 Returned to the account holder", Domain.Won.Format(returned.ToHolder));
                Row(html, "충당 취소액 Taken back from the debt", Domain.Won.Format(returned.TakenBack));
                Row(html, "압류 취소 Cancelled", $"{Domain.KoreaTime.Minutes(cancelled.At)} ({cancelled.Actor})");
                html.Append("</table>");
                Said(
                    html,
                    $"이 압류는 취소되었습니다. 이 계좌에서 징수한 {Domain.Won.Format(returned.ToHolder)}을 계좌 명의인에게 반환하며, 그중 체납액에 충당한 {Domain.Won.Format(returned.TakenBack)}은 충당을 취소하여 다시 체납액이 됩니다.",
                    $"This seizure was cancelled. The {Domain.Won.Format(returned.ToHolder)} collected from this account is returned to the account holder; the {Domain.Won.Format(returned.TakenBack)} of it that had been applied to the debt is taken back and is owed again.");
                break;
            default:
                Said(
                    html,
                    "이 계좌에 대한 압류를 해제합니다. 거래소는 계좌 명의인에게 다시 지급하고 이전할 수 있습니다.",
                    "The seizure of this account is released; the exchange may again pay and transfer to the account holder.");
                break;
        }
    }

    /// <summary>A sentence of the document: in Korean, as issued, with the English beneath for readers who need it.</summary>
    private static void Said(StringBuilder html, string korean, string english) =>
        html.Append("<p>").Append(E(korean)).Append("<br><span class=\"en\">").Append(E(english)).Append("</span></p>");

    private static string Title(SeizureDocumentKind kind) => kind switch
    {
        SeizureDocumentKind.ExchangeNotice => "채권압류통지서 — Notice of seizure of a receivable",
        SeizureDocumentKind.SeizureRecord => "압류조서 — Seizure record",
        SeizureDocumentKind.TaxpayerNotice => "압류통지서 — Notice of seizure to the taxpayer",
        SeizureDocumentKind.SaleWarning => "매각예고통지서 — Notice of intended sale",
        SeizureDocumentKind.DistributionStatement => "배분계산서 — Distribution statement",
        SeizureDocumentKind.ReleaseRecord => "압류해제조서 — Release record",
        SeizureDocumentKind.ReleaseNotice => "압류해제통지서(제3채무자) — Notice of release to the exchange",
        SeizureDocumentKind.RefundNotice => "압류금 반환통지서 — Notice of return of the money seized",
        _ => "압류해제통지서(납세자) — Notice of release to the taxpayer",
    };

    private static string Basis(SeizureDocumentKind kind) => kind switch
    {
        SeizureDocumentKind.ExchangeNotice => "지방세징수법 제51조, 제61조제3항",
        SeizureDocumentKind.SeizureRecord or SeizureDocumentKind.TaxpayerNotice => "지방세징수법 제38조, 제52조",
        SeizureDocumentKind.SaleWarning => "지방세징수법 제71조",
        SeizureDocumentKind.DistributionStatement => "지방세징수법 제4조, 제97조–제99조",
        SeizureDocumentKind.RefundNotice => "지방세기본법 제60조",
        _ => "지방세징수법 제63조–제64조",
    };

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static string E(string text) => s_html.Encode(text);
}
