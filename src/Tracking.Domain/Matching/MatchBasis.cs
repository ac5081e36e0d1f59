using Tracking.Domain.Seizures;

namespace Tracking.Domain.Matching;

/// <summary>Why a seizure holds the account to be the taxpayer's, in English and Korean: the evidence, its weight, and who approved it.</summary>
public static class MatchBasis
{
    private static readonly Dictionary<string, string> s_fields = new(StringComparer.Ordinal)
    {
        ["rrn"] = "주민등록번호",
        ["name"] = "이름",
        ["birth"] = "생년월일",
        ["phone"] = "전화번호",
    };

    private static readonly Dictionary<string, string> s_levels = new(StringComparer.Ordinal)
    {
        ["agrees"] = "일치",
        ["exact"] = "일치",
        ["romanized"] = "로마자 표기 일치",
        ["near"] = "유사",
        ["partial"] = "일부 일치",
        ["differs"] = "불일치",
        ["missing"] = "한쪽 없음",
    };

    public static Said Automatic(MatchCandidate candidate) => new(
        $"automatic match: {English(candidate)}",
        $"자동 일치: {Korean(candidate)}");

    public static Said Approved(MatchCandidate candidate, string approver, string? reason) => new(
        $"review candidate (score {candidate.Score}: {English(candidate)}) approved by {approver}" + (reason is null ? "" : $": {reason}"),
        $"검토 후보 (점수 {candidate.Score}: {Korean(candidate)}) {approver} 승인" + (reason is null ? "" : $": {reason}"));

    private static string English(MatchCandidate candidate) =>
        string.Join(", ", candidate.Reasons) + (candidate.Weight is { } w ? $"; weight {w.Total:+0.0;-0.0} bits" : "");

    private static string Korean(MatchCandidate candidate) =>
        string.Join(", ", candidate.Reasons.Select(reason => reason.Split(':') is [var field, var level]
            ? $"{s_fields.GetValueOrDefault(field, field)} {s_levels.GetValueOrDefault(level, level)}"
            : reason))
        + (candidate.Weight is { } w ? $"; 가중치 {w.Total:+0.0;-0.0}비트" : "");
}
