using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using Xunit;

namespace Disputes.Domain.Tests.Notices;

/// <summary>Rule book section 8: a notice is written in the consumer's language, English or Spanish, and in no other.</summary>
public class when_choosing_a_notice_language
{
    [Theory]
    [InlineData("en", NoticeLanguage.En)]
    [InlineData("es", NoticeLanguage.Es)]
    [InlineData("ES", NoticeLanguage.Es)]
    [InlineData(" es ", NoticeLanguage.Es)]
    public void the_codes_en_and_es_name_the_languages(string code, NoticeLanguage expected)
    {
        Assert.Equal(expected, NoticeLanguages.Parse(code));
        Assert.Equal(code.Trim().ToLowerInvariant(), NoticeLanguages.Code(expected));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("es-MX")]
    [InlineData("english")]
    [InlineData("")]
    [InlineData(null)]
    public void anything_else_is_refused_naming_the_field_and_the_codes_accepted_but_not_the_value(string? code)
    {
        var refused = Assert.Throws<DisputeFieldViolation>(() => NoticeLanguages.Parse(code));

        Assert.Equal("language", refused.Field);
        Assert.Contains("\"en\"", refused.Message);
        Assert.Contains("\"es\"", refused.Message);
        if (!string.IsNullOrEmpty(code))
        {
            Assert.DoesNotContain(code, refused.Message);
        }

        Assert.False(NoticeLanguages.TryParse(code, out _));
    }

    [Fact]
    public void every_kind_has_a_snake_case_name_and_each_resolution_outcome_one_notice()
    {
        Assert.Equal(["acknowledgment", "documents_request", "correction", "explanation", "reporting"], NoticeKinds.All.Select(NoticeKinds.Name));
        Assert.Equal(NoticeKind.Correction, NoticeKinds.ForResolution(ResolutionOutcome.Corrected));
        Assert.Equal(NoticeKind.Correction, NoticeKinds.ForResolution(ResolutionOutcome.Partial));
        Assert.Equal(NoticeKind.Explanation, NoticeKinds.ForResolution(ResolutionOutcome.NoError));
    }
}
