using Disputes.Domain.Screening;
using Xunit;

namespace Disputes.Domain.Tests.Screening;

public class when_screening_a_corpus_of_dispute_sentences
{
    [Fact]
    public void the_corpora_are_large_enough_to_measure_by()
    {
        Assert.True(ScreeningCorpus.Ordinary.Length >= 150, $"{ScreeningCorpus.Ordinary.Length} ordinary sentences.");
        Assert.All(Enum.GetValues<SensitiveDataKind>(), kind =>
            Assert.True(ScreeningCorpus.Secrets.Count(secret => secret.Kind == kind) >= 15, $"Too few {kind} sentences."));
    }

    [Fact]
    public void no_ordinary_sentence_is_flagged()
    {
        var flagged = ScreeningCorpus.Ordinary
            .Select(text => (Text: text, Kind: SensitiveDataScreen.Find(text)))
            .Where(result => result.Kind is not null)
            .Select(result => $"{result.Kind}: {result.Text}")
            .ToList();

        Assert.True(
            flagged.Count == 0,
            $"{flagged.Count} of {ScreeningCorpus.Ordinary.Length} ordinary sentences flagged:\n{string.Join("\n", flagged)}");
    }

    [Fact]
    public void every_secret_is_found_as_its_kind()
    {
        var missed = ScreeningCorpus.Secrets
            .Select(secret => (secret.Text, secret.Kind, Found: SensitiveDataScreen.Find(secret.Text)))
            .Where(result => result.Found != result.Kind)
            .Select(result => $"expected {result.Kind}, found {result.Found?.ToString() ?? "nothing"}: {Escaped(result.Text)}")
            .ToList();

        Assert.True(
            missed.Count == 0,
            $"{missed.Count} of {ScreeningCorpus.Secrets.Length} secrets missed:\n{string.Join("\n", missed)}");
    }

    [Fact]
    public void every_secret_is_found_inside_an_ordinary_sentence() =>
        Assert.All(ScreeningCorpus.Secrets, secret =>
            Assert.Equal(secret.Kind, SensitiveDataScreen.Find($"I called about the charge. {secret.Text}. Please help.")));

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}

public class when_screening_ordinary_sentences_one_after_another
{
    [Fact]
    public void no_two_ordinary_sentences_in_a_row_are_flagged()
    {
        var flagged = (
            from first in ScreeningCorpus.Ordinary
            from second in ScreeningCorpus.Ordinary
            let text = first + " " + second
            where SensitiveDataScreen.Find(text) is not null
            select $"{SensitiveDataScreen.Find(text)}: {text}").ToList();

        var pairs = ScreeningCorpus.Ordinary.Length * ScreeningCorpus.Ordinary.Length;
        Assert.True(flagged.Count == 0, $"{flagged.Count} of {pairs} pairs flagged:\n{string.Join("\n", flagged.Take(20))}");
    }
}
