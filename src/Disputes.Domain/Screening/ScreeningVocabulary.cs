using System.Collections.Frozen;

namespace Disputes.Domain.Screening;

/// <summary>What a word tells the screen about the number that may follow it.</summary>
internal enum WordRole
{
    Ordinary,

    /// <summary>cvv, cvc, cid, csc: a card security code follows.</summary>
    CardSecurityCode,

    /// <summary>"security": a keyword only as "security code" or "security number".</summary>
    Security,

    /// <summary>"seguridad": a keyword only as "código de seguridad" or "clave de seguridad".</summary>
    Seguridad,

    /// <summary>otp, passcode, password, pin, nip, clave, contraseña, verification: a passcode follows.</summary>
    Passcode,

    /// <summary>"code", "código": a passcode may follow, unless a qualifier says otherwise.</summary>
    Code,

    /// <summary>number, no, num, número: continues the keyword before it ("security number", "SSN number").</summary>
    NumberNoun,

    /// <summary>"one", so that "one time" can be told from other times.</summary>
    One,

    /// <summary>"time", a keyword only after "one".</summary>
    Time,

    /// <summary>ssn, social: a Social Security number follows.</summary>
    SocialSecurity,

    /// <summary>"ss", a keyword only as "SS#".</summary>
    SocialSecurityAbbreviation,

    /// <summary>
    /// A label that owns the number after it and makes a "code" after it harmless too: order, reference, zip,
    /// promo, confirmation, tracking, reason ("reason code 4837")...
    /// </summary>
    Reference,

    /// <summary>A label that owns the number after it but not a "code" after it: last, ending, months, phone.</summary>
    Position,

    /// <summary>A currency word: the number next to it is an amount.</summary>
    Currency,

    /// <summary>is, was, my, the, es, mi, el...: may stand between a number and the keyword that names it.</summary>
    Linking,

    /// <summary>A thing people count ("1200 charges", "3 veces"): the number before it is how many.</summary>
    CountedThing,
}

/// <summary>
/// The English and Spanish words the screen recognises, accents already folded ("código" reads "codigo").
/// </summary>
internal static class ScreeningVocabulary
{
    private const int LongestWord = 14;

    private static readonly (WordRole Role, string[] Words)[] Words =
    [
        (WordRole.CardSecurityCode, ["cvv", "cvc", "cid", "csc", "cvn"]),
        (WordRole.Security, ["security"]),
        (WordRole.Seguridad, ["seguridad"]),
        (WordRole.Passcode,
        [
            "otp", "passcode", "password", "passwd", "pin", "nip", "clave", "contrasena", "verification",
            "verificacion"
        ]),
        (WordRole.Code, ["code", "codigo"]),
        (WordRole.NumberNoun, ["number", "no", "num", "numero", "nro"]),
        (WordRole.One, ["one"]),
        (WordRole.Time, ["time"]),
        (WordRole.SocialSecurity, ["ssn", "social"]),
        (WordRole.SocialSecurityAbbreviation, ["ss"]),
        (WordRole.Reference,
        [
            "order", "orden", "pedido", "reference", "ref", "referencia", "confirmation", "confirmacion", "tracking",
            "rastreo", "guia", "invoice", "factura", "receipt", "recibo", "ticket", "case", "caso", "claim",
            "reclamo", "folio", "account", "cuenta", "transaction", "transaccion", "operacion", "booking",
            "reservation", "reserva", "flight", "vuelo", "seat", "gate", "room", "store", "tienda", "sucursal",
            "branch", "item", "sku", "model", "serial", "zip", "postal", "promo", "promocional", "promocion",
            "discount", "descuento", "coupon", "cupon", "gift", "regalo", "area", "country", "error", "reason",
            "motivo", "response", "status", "authorization", "autorizacion", "approval", "aprobacion", "auth",
            "merchant", "comercio", "mcc", "barras", "id", "product", "producto", "extension", "ext", "apt", "suite",
            "unit", "street", "calle", "avenue", "route", "batch", "lote", "member", "miembro", "cliente",
            "customer"
        ]),
        (WordRole.Position,
        [
            "last", "ending", "ends", "ended", "terminada", "terminado", "termina", "terminacion", "ultimos",
            "ultimas", "phone", "telefono", "tel", "call", "called", "llame", "llamar", "celular", "cell", "mobile",
            "fax", "year", "ano", "page", "pagina", "january", "february", "march", "april", "june", "july",
            "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
            "aug", "sep", "sept", "oct", "nov", "dec", "enero", "febrero", "marzo", "abril", "mayo", "junio",
            "julio", "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre"
        ]),
        (WordRole.Currency,
        [
            "usd", "eur", "mxn", "gbp", "cad", "dollars", "dollar", "dolares", "dolar", "pesos", "euros", "cents",
            "centavos", "bucks"
        ]),
        (WordRole.Linking,
        [
            "is", "was", "are", "were", "my", "the", "your", "as", "it", "es", "era", "fue", "son", "mi", "mis", "el",
            "la", "los", "las", "tu", "su", "como", "de", "del"
        ]),
        (WordRole.CountedThing,
        [
            "charge", "charges", "cargo", "cargos", "times", "vez", "veces", "items", "articulos", "days", "dias",
            "hours", "horas", "minutes", "minutos", "weeks", "semanas", "months", "meses", "years", "anos", "points",
            "puntos", "miles", "millas", "payments", "pagos", "pieces", "piezas", "units", "unidades", "people",
            "personas", "nights", "noches"
        ]),
    ];

    private static readonly FrozenDictionary<string, WordRole>.AlternateLookup<ReadOnlySpan<char>> Roles =
        Words.SelectMany(group => group.Words.Select(word => KeyValuePair.Create(word, group.Role)))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    // Most words of a dispute are no keyword; their length, first and last letters say so without a lookup.
    private static readonly int[] LastLettersByLengthAndFirst = BuildLetterFilter();

    public static WordRole Classify(ReadOnlySpan<char> word)
    {
        if (word.Length > LongestWord || !char.IsAsciiLetter(word[0]) || !char.IsAsciiLetter(word[^1])
            || (LastLettersByLengthAndFirst[FilterSlot(word)] & LetterBit(word[^1])) == 0)
        {
            return WordRole.Ordinary;
        }

        return Roles.TryGetValue(word, out var role) ? role : WordRole.Ordinary;
    }

    private static int FilterSlot(ReadOnlySpan<char> word) => word.Length * 26 + (char.ToLowerInvariant(word[0]) - 'a');

    private static int LetterBit(char letter) => 1 << (char.ToLowerInvariant(letter) - 'a');

    private static int[] BuildLetterFilter()
    {
        var table = new int[(LongestWord + 1) * 26];
        foreach (var word in Words.SelectMany(group => group.Words))
        {
            table[FilterSlot(word)] |= LetterBit(word[^1]);
        }

        return table;
    }
}
