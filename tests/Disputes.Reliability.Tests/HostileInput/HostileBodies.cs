using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Disputes.Reliability.Tests.Infrastructure;

namespace Disputes.Reliability.Tests.HostileInput;

/// <summary>A write request the fuzzer sends: which endpoint, where to (path), the raw JSON text, an optional header.</summary>
/// <param name="Endpoint">The endpoint's name, e.g. <c>intake</c> or <c>notes</c>.</param>
/// <param name="Method">POST or PUT.</param>
/// <param name="Path">The path; <see cref="HostileBodies.DisputeMarker"/> stands for a real dispute's id.</param>
/// <param name="Body">The body as sent; <see cref="HostileBodies.VersionMarker"/> stands for the dispute's current version.</param>
/// <param name="CorrelationId">An <c>X-Correlation-Id</c> header to send, or null.</param>
public sealed record HostileRequest(string Endpoint, string Method, string Path, string Body, string? CorrelationId)
{
    public override string ToString() =>
        $"{Method} {Path} ({Endpoint}){(CorrelationId is null ? "" : $" X-Correlation-Id: {CorrelationId}")}\n{(Body.Length > 600 ? Body[..600] + $"... ({Body.Length} chars)" : Body)}";
}

/// <summary>
/// CsCheck generators of hostile request bodies for every write endpoint: each starts from a valid body and is
/// mutated — fields removed, values of the wrong JSON type, huge numbers and strings, control characters and odd
/// Unicode, dates far out of range, extra fields, bodies that are not objects or not JSON, and card numbers,
/// Social Security numbers, security codes and passcodes hidden in text. Most are invalid; a few stay valid.
/// </summary>
/// <remarks>Bodies are built as raw JSON text, so that they can hold what a serializer would refuse to write (lone surrogates, duplicate keys, broken syntax).</remarks>
public static class HostileBodies
{
    /// <summary>Replaced, when sending, by the id of one of the fuzzer's disputes.</summary>
    public const string DisputeMarker = "{dispute}";

    /// <summary>Replaced, when sending, by the dispute's current version (a number).</summary>
    public const string VersionMarker = "\"{version}\"";

    /// <summary>Every secret value any generated request carried: the log and storage scans look for each.</summary>
    public static readonly ConcurrentDictionary<string, SecretKind> Secrets = new();

    public enum SecretKind { CardNumber, SocialSecurityNumber, SecurityCode, Passcode }

    private static readonly string[] CommandSteps =
    [
        "acknowledgment", "provisional-credits", "document-requests", "documents-received", "merchant-contacts",
        "escalation", "notes", "finance-charges", "resolution", "withdrawal", "reopening",
    ];

    /// <summary>Any hostile request to any write endpoint.</summary>
    public static Gen<HostileRequest> Request(string accountId) =>
        Gen.Frequency(
            (4, Body(Intake(accountId)).Select(body => new HostileRequest("intake", "POST", "/api/disputes", body, null))),
            (2, Gen.Select(AccountPath, Body(Account())).Select((path, body) => new HostileRequest("account", "PUT", path, body, null))),
            (6, Gen.OneOf(CommandSteps).SelectMany(step => Gen.Select(DisputePath, Body(Command(step)))
                .Select((path, body) => new HostileRequest(step, "POST", $"/api/disputes/{path}/{step}", body, null)))))
        .SelectMany(request => Gen.Frequency((9, Gen.Const(NoHeader)), (1, CorrelationHeader))
            .Select(header => request with { CorrelationId = header }));

    private static readonly string? NoHeader = null;

    /// <summary>A field of a body under construction: its name and its raw JSON value.</summary>
    private sealed record Field(string Name, string Value);

    // ---- Valid bodies ----

    private static Gen<List<Field>> Fresh(Func<List<Field>> fields) => Gen.Const(fields);

    private static Gen<List<Field>> Intake(string accountId) => Fresh(() =>
    [
        new("accountId", Quote(accountId)),
        new("cardLast4", Quote("1005")),
        new("chatSessionId", Quote(ServiceApi.NewChatSessionId())),
        new("reason", Quote("unauthorized")),
        new("merchant", Quote("XYZ Store")),
        new("amount", "127.43"),
        new("currency", Quote("USD")),
        new("transactionDate", Quote(Today().AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        new("statementTransmittedOn", Quote(Today().AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        new("description", Quote("I did not make this purchase")),
    ]);

    private static Gen<List<Field>> Account() => Gen.OneOf(
        Fresh(() => [new("timeZone", Quote("America/New_York")), new("billingCycle", "{\"closingDay\":15}")]),
        Fresh(() => [new("timeZone", Quote("Europe/Paris")), new("billingCycle", "{\"closingDates\":[\"2025-03-15\",\"2025-04-14\"]}")]));

    private static Gen<List<Field>> Command(string step) => Fresh(() =>
    {
        List<Field> fields = step switch
        {
            "provisional-credits" or "finance-charges" => [new("amount", "1.25")],
            "document-requests" or "documents-received" => [new("from", Quote("merchant")), new("documents", Quote("Signed receipt"))],
            "merchant-contacts" => [new("summary", Quote("Asked the merchant for the receipt."))],
            "escalation" => [new("to", Quote("supervisor")), new("reason", Quote("Large amount"))],
            "notes" => [new("text", Quote("Called the cardmember back."))],
            "resolution" => [new("outcome", Quote("no_error")), new("explanation", Quote("The charge matches the receipt."))],
            "withdrawal" or "reopening" => [new("reason", Quote("The cardmember said so."))],
            _ => [],
        };
        fields.Add(new("expectedVersion", VersionMarker));
        return fields;
    });

    private static DateTime Today() => DateTime.UtcNow.Date;

    // ---- Mutations ----

    /// <summary>A valid body with 0 to 4 mutations, or (rarely) something that is no JSON object at all.</summary>
    private static Gen<string> Body(Gen<List<Field>> valid) =>
        Gen.Frequency(
            (1, NotAnObject),
            (12, Gen.Select(valid, Gen.Frequency((1, Gen.Const(0)), (6, Gen.Int[1, 4])).SelectMany(count => Mutation.List[count, count]))
                .Select((fields, mutations) =>
                {
                    var body = fields.ToList();
                    foreach (var mutate in mutations)
                    {
                        mutate(body);
                    }

                    return "{" + string.Join(",", body.Select(f => Quote(f.Name) + ":" + f.Value)) + "}";
                })));

    private static Gen<Action<List<Field>>> Mutation => Gen.Frequency(
        (2, Gen.Int[0, 20].Select(RemoveField)),
        (6, Gen.Select(Gen.Int[0, 20], Value, ReplaceValue)),
        (3, Gen.Select(Gen.Int[0, 20], SecretText, HideSecret)),
        (2, Gen.Select(FieldName, Value, AddField)),
        (1, Gen.Select(Gen.Int[0, 20], Value, RepeatField)));

    private static Action<List<Field>> RemoveField(int i) => body =>
    {
        if (body.Count > 0)
        {
            body.RemoveAt(i % body.Count);
        }
    };

    private static Action<List<Field>> ReplaceValue(int i, string value) => body =>
    {
        if (body.Count > 0)
        {
            body[i % body.Count] = body[i % body.Count] with { Value = value };
        }
    };

    private static Action<List<Field>> HideSecret(int i, string secret) => body =>
    {
        var strings = body.Select((field, index) => (Field: field, Index: index)).Where(x => x.Field.Value.StartsWith('"')).ToList();
        if (strings.Count > 0)
        {
            var (field, index) = strings[i % strings.Count];
            body[index] = field with { Value = Quote(i % 3 == 0 ? secret : $"{Unquote(field.Value)} {secret} thanks") };
        }
    };

    private static Action<List<Field>> AddField(string name, string value) => body => body.Add(new Field(name, value));

    private static Action<List<Field>> RepeatField(int i, string value) => body =>
    {
        if (body.Count > 0)
        {
            body.Add(body[i % body.Count] with { Value = value });
        }
    };

    private static Gen<string> FieldName => Gen.Frequency(
        (3, Gen.OneOf("extra", "$type", "__proto__", "amount ", "AMOUNT", "expectedversion", "", "a.b", "\u00e9t\u00e9")),
        (1, SecretText));

    // ---- Values (raw JSON) ----

    private static Gen<string> WrongType => Gen.OneOf(
        "null", "true", "false", "0", "-1", "1.5", "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}", "\"\"", "\" \"", "\"null\"", "\"true\"");

    private static Gen<string> HugeNumber => Gen.OneOf(
        "1e308", "-1e308", "1e400", "79228162514264337593543950336", "-79228162514264337593543950336", "1e-30", "0.001",
        "123456789012.345", "999999999.999", "1000000000", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "0.1e1", "1E2", "-0", "00012", "0x10", "NaN", "Infinity", "1_000");

    private static Gen<string> OddDate => Gen.OneOf(
        "-9998-01-01", "9999-12-31", "0001-01-01", "0000-00-00", "2025-02-30", "2025-13-01", "+275760-09-13", "1899-12-31",
        "1900-01-01", "2025-02-10T00:00:00Z", "20250210", "2025-2-1", "yesterday", "9999-12-31T23:59:59.999999999Z",
        "-9998-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2025-03-03T15:00:00+25:00", "2025-03-03T15:00:00", "1969-12-31T23:59:59Z",
        "2099-01-01T00:00:00Z", "4111 1111 1111 1111").Select(Quote);

    private static Gen<string> OddText => Gen.Frequency(
        (2, Gen.OneOf(
            "\\u0000", "\\u0001x", "a\\u001b[31mred", "\\u007f", "line\\nbreak\\ttab\\r", "\\ud800", "\\udc00x", "\\ud83d\\ude00",
            "\\u202eevil", "zero\\u200dwidth", "e\\u0301", "\\ufeffbom", "\\uffff", "\\u0085nel", "\\u2028sep",
            "\uff14\uff11\uff11\uff11", "\u0664\u0661\u0661\u0661", "unauthorized ", "UNAUTHORIZED", "usd", "USD ", "XXX", "1005 ",
            "\u0661\u0660\u0660\u0665", "\u00bd", "\\\\", "\\\"", "<script>alert(1)</script>", "'; drop table mt_events; --",
            "${jndi:ldap://x}", "%00", "../../etc/passwd", "{{7*7}}").Select(s => "\"" + s + "\"")),
        (1, Gen.Int[1, 5].Select(k => "\"" + new string('a', k switch { 1 => 65, 2 => 129, 3 => 201, 4 => 4001, _ => 70_000 }) + "\"")),
        (1, Gen.Char.Array[0, 40].Select(chars => Quote(new string(chars)))));

    private static Gen<string> Value => Gen.Frequency(
        (3, WrongType), (3, HugeNumber), (3, OddDate), (4, OddText), (2, SecretText.Select(Quote)),
        (1, Gen.OneOf(
            "{\"closingDay\":0}", "{\"closingDates\":[\"2025-04-14\",\"2025-03-15\"]}", "{\"closingDates\":[\"-9998-01-01\",\"9999-12-31\"]}",
            "{\"closingDay\":15,\"closingDates\":[]}", "{\"closingDates\":[]}", "{\"closingDay\":2147483648}")));

    private static Gen<string> NotAnObject => Gen.OneOf(
        "", " ", "null", "[]", "[{}]", "\"text\"", "42", "true", "{", "{\"amount\":", "{\"a\":1,}", "{'a':1}", "{\"a\":1}}",
        "\u0000", "{\"amount\":1.25,\"expectedVersion\":1", "<xml/>", "{\"a\":" + new string('[', 200) + new string(']', 200) + "}");

    // ---- Paths and headers ----

    private static Gen<string> DisputePath => Gen.Frequency(
        (8, Gen.Const(DisputeMarker)),
        (1, Gen.Const(() => Guid.NewGuid().ToString())),
        (1, Gen.OneOf("not-a-guid", "00000000-0000-0000-0000-000000000000", "%E2%80%AE", "4111111111111111")));

    private static Gen<string> AccountPath => Gen.Frequency(
        (4, Gen.Const(() => $"/api/accounts/acct-fuzz-{Guid.NewGuid():N}"[..40])),
        (1, SecretText.Select(s => "/api/accounts/" + Uri.EscapeDataString(s))),
        // Not %00: Kestrel refuses a NUL in the path at the protocol level, before any code of the service runs.
        (1, Gen.OneOf("a%0Ab", "a%01b", new string('x', 65), "%E2%80%AE", "..%2F..", "%F0%9F%98%80", "%C3%A9t%C3%A9").Select(p => "/api/accounts/" + p)));

    private static Gen<string?> CorrelationHeader => Gen.OneOf(
        CardNumber.Select(pan => (string?)pan),
        SocialSecurityNumber.Select(ssn => (string?)ssn),
        Gen.Const<string?>("corr-123"));

    // ---- Secrets ----

    /// <summary>The digits of a Luhn-valid card number of 13 to 19 digits.</summary>
    private static Gen<string> CardDigits =>
        Gen.Select(Gen.OneOf("4", "51", "37", "6011", "35"), Gen.Int[13, 19], Gen.ULong)
            .Select((prefix, length, seed) =>
            {
                var random = new Random((int)(seed % int.MaxValue));
                var digits = new StringBuilder(prefix);
                while (digits.Length < length - 1)
                {
                    digits.Append((char)('0' + random.Next(10)));
                }

                return digits.Append(LuhnCheckDigit(digits.ToString())).ToString();
            });

    /// <summary>A Luhn-valid card number of 13 to 19 digits, plain or grouped by spaces or dashes.</summary>
    public static Gen<string> CardNumber =>
        Gen.Select(CardDigits, Gen.Int[0, 2])
            .Select((plain, grouping) =>
            {
                var text = grouping switch
                {
                    1 => string.Join(' ', Chunks(plain, 4)),
                    2 => string.Join('-', Chunks(plain, 4)),
                    _ => plain,
                };
                Secrets[text] = SecretKind.CardNumber;
                return text;
            });

    /// <summary>A formatted US Social Security number (area 001-665, not 000 group or serial).</summary>
    public static Gen<string> SocialSecurityNumber =>
        Gen.Select(Gen.Int[1, 665], Gen.Int[1, 99], Gen.Int[1, 9999]).Select((area, group, serial) =>
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{area:000}-{group:00}-{serial:0000}");
            Secrets[text] = SecretKind.SocialSecurityNumber;
            return text;
        });

    private static Gen<string> SecurityCode => Gen.Select(Gen.OneOf("CVV", "cvc", "security code", "CVV2"), Gen.Int[100, 9999])
        .Select((label, code) =>
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{label} {code}");
            Secrets[text] = SecretKind.SecurityCode;
            return text;
        });

    private static Gen<string> Passcode => Gen.Select(Gen.OneOf("one-time passcode", "OTP", "verification code is"), Gen.Int[100000, 99999999])
        .Select((label, code) =>
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{label} {code}");
            Secrets[text] = SecretKind.Passcode;
            return text;
        });

    // The zero of ASCII, full-width, Arabic-Indic, extended Arabic-Indic, Devanagari and Bengali digits.
    private static readonly char[] DigitZeros = ['0', '\uff10', '\u0660', '\u06f0', '\u0966', '\u09e6'];

    /// <summary>What people and attackers put between digit groups: punctuation, odd spaces, invisible characters.</summary>
    private static Gen<string> OddSeparator => Gen.OneOf(
        " ", "-", ".", "_", "/", "  ", " - ", "\u00a0", "\u2007", "\u202f", "\u200b", "\u2060", "\t", "\n", "\r\n", "\u00b7");

    /// <summary><paramref name="digits"/> with every digit in a script of its own and odd separators between some.</summary>
    private static Gen<string> Disguised(string digits) => Disguised(digits, Gen.Frequency((3, Gen.Const("")), (1, OddSeparator)));

    private static Gen<string> Disguised(string digits, Gen<string> separator) =>
        Gen.Select(Gen.Int[0, DigitZeros.Length - 1].Array[digits.Length], separator.Array[digits.Length])
            .Select((scripts, separators) =>
            {
                var text = new StringBuilder();
                for (var i = 0; i < digits.Length; i++)
                {
                    text.Append(i > 0 ? separators[i] : "").Append((char)(DigitZeros[scripts[i]] + (digits[i] - '0')));
                }

                return text.ToString();
            });

    /// <summary>A Luhn-valid card number in Unicode digits with odd separators, or spaced out digit by digit.</summary>
    private static Gen<string> DisguisedCardNumber =>
        Gen.Select(CardDigits, Gen.Bool)
            .SelectMany((digits, spacedOut) => spacedOut ? Gen.Const(string.Join(' ', digits.ToCharArray())) : Disguised(digits))
            .Select(text => Remember(text, SecretKind.CardNumber));

    /// <summary>
    /// A keyword and its number a few words apart, as people write them, in English and Spanish: the number plain,
    /// in Unicode digits, or spaced out digit by digit. Not split by dots or slashes, which would make a short code
    /// an amount or a date that the screen lets through on purpose.
    /// </summary>
    private static Gen<string> Phrased(Gen<string> template, Gen<string> digits, SecretKind kind) =>
        Gen.Select(template, digits.SelectMany(d => Gen.Frequency(
                (2, Gen.Const(d)),
                (1, Disguised(d, Gen.Const(""))),
                (1, Gen.OneOf(" ", "\u00a0", "\u2007", "\u200b").SelectMany(space => Disguised(d, Gen.Const(space)))))))
            .Select((phrase, number) => Remember(phrase.Replace("{0}", number, StringComparison.Ordinal), kind));

    private static Gen<string> PhrasedSecurityCode => Phrased(
        Gen.OneOf(
            "my CVV on the back is {0}", "the CVV code is {0}", "the security number on the card is {0}",
            "cvc: {0}", "the three digits on the back, the CVV, are {0}", "mi cvv es {0}", "el código de seguridad de atrás es {0}",
            "co\u0301digo de seguridad {0}", "\uff23\uff36\uff36 {0}", "C\u200bVV {0}"),
        Gen.Int[100, 9999].Select(code => code.ToString(CultureInfo.InvariantCulture)),
        SecretKind.SecurityCode);

    private static Gen<string> PhrasedPasscode => Phrased(
        Gen.OneOf(
            "the passcode you sent me is {0}", "the code is {0}", "the code you texted me was {0}", "my PIN is {0}",
            "PIN code {0}", "one time password: {0}", "verification code {0}", "el código que me enviaron es {0}",
            "mi código de verificación es {0}", "mi clave es {0}", "la contraseña de un solo uso es {0}", "mi NIP es {0}",
            "co\u0301digo de verificacio\u0301n: {0}", "o\u200btp {0}"),
        Gen.Int[1000, 99999999].Select(code => code.ToString(CultureInfo.InvariantCulture)),
        SecretKind.Passcode);

    private static Gen<string> PhrasedSocialSecurityNumber => Phrased(
        Gen.OneOf(
            "my social is {0}", "SS# {0}", "SSN: {0}", "my social security number is {0}", "número de seguro social: {0}",
            "mi seguro social es {0}", "\uff33\uff33\uff2e {0}"),
        Gen.Select(Gen.Int[1, 665], Gen.Int[1, 99], Gen.Int[1, 9999])
            .Select((area, group, serial) => string.Create(CultureInfo.InvariantCulture, $"{area:000}{group:00}{serial:0000}")),
        SecretKind.SocialSecurityNumber);

    /// <summary>An SSN with dots, slashes or odd spaces between its groups, maybe in full-width digits.</summary>
    private static Gen<string> DisguisedSocialSecurityNumber =>
        Gen.Select(Gen.Int[1, 665], Gen.Int[1, 99], Gen.Int[1, 9999], OddSeparator, Gen.Bool)
            .Select((area, group, serial, separator, fullWidth) =>
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"{area:000}{separator}{group:00}{separator}{serial:0000}");
                return Remember(fullWidth ? new string(text.Select(c => char.IsAsciiDigit(c) ? (char)(c - '0' + '\uff10') : c).ToArray()) : text,
                    SecretKind.SocialSecurityNumber);
            });

    private static string Remember(string text, SecretKind kind)
    {
        Secrets[text] = kind;
        return text;
    }

    /// <summary>Any secret, as the cardmember might type it.</summary>
    public static Gen<string> SecretText => Gen.Frequency(
        (4, CardNumber), (2, SocialSecurityNumber), (1, SecurityCode), (1, Passcode),
        (2, DisguisedCardNumber), (1, DisguisedSocialSecurityNumber),
        (1, PhrasedSecurityCode), (1, PhrasedPasscode), (1, PhrasedSocialSecurityNumber));

    // ---- Helpers ----

    /// <summary>
    /// A JSON string literal of <paramref name="text"/>, every character outside printable ASCII escaped as \uXXXX,
    /// so that lone surrogates survive as escapes (a serializer would refuse them).
    /// </summary>
    private static string Quote(string text)
    {
        var json = new StringBuilder("\"", text.Length + 2);
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < ' ' || c > '~')
            {
                json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }

    private static string Unquote(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(json) ?? "";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return "";
        }
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    private static char LuhnCheckDigit(string payload)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var d = payload[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }
}
