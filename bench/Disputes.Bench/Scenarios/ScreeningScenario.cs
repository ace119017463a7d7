using System.Diagnostics;
using System.Text;
using Disputes.Domain.Screening;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>screening</c>: <see cref="SensitiveDataScreen"/> over a 64 KiB free-text field of ordinary dispute text that
/// holds no secret (so every character is read), plain ASCII and with Spanish accents, against one pass over the
/// same text that does the least a screen must: finding digits (<c>IndexOfAnyInRange('0', '9')</c> over every
/// character) for ASCII, and <c>string.Normalize(FormKC)</c> for the accented text. In process, no database.
/// </summary>
public sealed class ScreeningScenario : IScenario
{
    private const int FieldChars = 64 * 1024;

    private static readonly string[] EnglishSentences =
    [
        "I was charged $127.43 twice on 2025-02-10 at Acme Store.",
        "My card ending 1005 shows a charge I did not make; order 5512 never arrived.",
        "I called on 03/04 at 10:30 and again at 14:45, reference number 12345678.",
        "Call me at 555-123-4567 or (212) 555-0199 after 5 pm.",
        "The verification code arrived on 2025-02-10, a week after the charge.",
        "Flight UA 1234 was cancelled and the $350.00 fare was never refunded.",
    ];

    private static readonly string[] SpanishSentences =
    [
        "Me cobraron $1,500.00 dos veces el 10 de febrero de 2025 en la tienda 1234.",
        "La tarjeta terminada en 4242 tiene un cargo que no reconozco; el número de pedido es 5512.",
        "No me llegó ningún código de verificación y llamé a las 10:30.",
        "El código postal 06600 no es el mío; la guía 1234567890 dice que se entregó.",
    ];

    public string Name => "screening";

    public Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        var ascii = Field(EnglishSentences);
        var accented = Field([.. EnglishSentences, .. SpanishSentences]);
        if (SensitiveDataScreen.Find(ascii) is not null || SensitiveDataScreen.Find(accented) is not null)
        {
            throw new InvalidOperationException("The ordinary text was flagged; the scenario would not read all of it.");
        }

        var fields = context.Scale.ScreeningFields;
        var screenAscii = Measure("screen, ASCII", fields, () => SensitiveDataScreen.Find(ascii) is null, cancellation);
        var digitScan = Measure("IndexOfAnyInRange('0','9') over every character, ASCII", fields, () => CountDigits(ascii) > 0, cancellation);
        var screenAccented = Measure("screen, with accents", fields, () => SensitiveDataScreen.Find(accented) is null, cancellation);
        var normalize = Measure("string.Normalize(FormKC), with accents", fields,
            () => accented.Normalize(NormalizationForm.FormKC).Length > 0, cancellation);
        context.Progress.Line($"screening: {screenAscii.MicrosecondsPerField:0.0} µs per ASCII field, {screenAccented.MicrosecondsPerField:0.0} µs per accented one");

        var figures = new ScreeningFigures(FieldChars, fields, screenAscii, digitScan, screenAccented, normalize);
        return Task.FromResult(new ScenarioResult(
        [
            ResultRow.Compare("µs per 64 KiB ASCII field vs a digit scan", screenAscii.MicrosecondsPerField, digitScan.MicrosecondsPerField, "N1"),
            ResultRow.Compare("µs per 64 KiB accented field vs NFKC", screenAccented.MicrosecondsPerField, normalize.MicrosecondsPerField, "N1"),
            ResultRow.Compare("MB/s, ASCII field vs a digit scan", screenAscii.MegabytesPerSecond, digitScan.MegabytesPerSecond, "N0"),
            ResultRow.Single("bytes allocated per ASCII field", screenAscii.BytesAllocatedPerField),
            ResultRow.Single("bytes allocated per accented field", screenAccented.BytesAllocatedPerField),
        ], figures,
        [
            $"Each field is {FieldChars} characters of ordinary dispute sentences repeated; nothing in it is a secret, so the screen reads it to the end.",
            "Times are the best of 10 batches' means, after a warm-up batch, so that another process's burst does not count; one thread.",
            "The digit scan counts digits with IndexOfAnyInRange from each one to the next, which reads every character once: the least any screen must do.",
        ]));
    }

    private static string Field(string[] sentences)
    {
        var text = new StringBuilder(FieldChars + 200);
        for (var i = 0; text.Length < FieldChars; i++)
        {
            text.Append(sentences[i % sentences.Length]).Append(' ');
        }

        return text.ToString(0, FieldChars);
    }

    private static int CountDigits(string text)
    {
        var count = 0;
        var rest = text.AsSpan();
        for (var next = rest.IndexOfAnyInRange('0', '9'); next >= 0; next = rest.IndexOfAnyInRange('0', '9'))
        {
            count++;
            rest = rest[(next + 1)..];
        }

        return count;
    }

    private static ScreeningMeasure Measure(string name, int fields, Func<bool> screen, CancellationToken cancellation)
    {
        const int Batches = 10;
        var perBatch = Math.Max(1, fields / Batches);
        RunBatch(screen, perBatch);
        var best = double.MaxValue;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var batch = 0; batch < Batches; batch++)
        {
            cancellation.ThrowIfCancellationRequested();
            best = Math.Min(best, RunBatch(screen, perBatch).TotalMicroseconds / perBatch);
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)(perBatch * Batches);
        return new ScreeningMeasure(name, perBatch * Batches, Math.Round(best, 2),
            Math.Round(FieldChars * 2 / best, 0), Math.Round(allocated, 0));
    }

    private static TimeSpan RunBatch(Func<bool> screen, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (!screen())
            {
                throw new InvalidOperationException("The measured call's result changed between runs.");
            }
        }

        return clock.Elapsed;
    }
}

/// <summary>Everything the <c>screening</c> scenario measured.</summary>
public sealed record ScreeningFigures(
    int FieldChars, int Fields, ScreeningMeasure ScreenAscii, ScreeningMeasure DigitScanAscii,
    ScreeningMeasure ScreenAccented, ScreeningMeasure NormalizeAccented);

/// <summary>One measured call over the field: best batch mean, throughput in MB of UTF-16 per second, allocation.</summary>
public sealed record ScreeningMeasure(string Name, int Calls, double MicrosecondsPerField, double MegabytesPerSecond, double BytesAllocatedPerField);
