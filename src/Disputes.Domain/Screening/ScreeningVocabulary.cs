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
}

/// <summary>
/// The English and Spanish words the screen recognises, accents already folded ("código" reads "codigo").
/// </summary>
internal static class ScreeningVocabulary
{
    private const int LongestWord = 14;

    public static WordRole Classify(ReadOnlySpan<char> word)
    {
        if (word.Length > LongestWord)
        {
            return WordRole.Ordinary;
        }

        Span<char> lower = stackalloc char[LongestWord];
        var length = word.ToLowerInvariant(lower);
        return lower[..length] switch
        {
            "cvv" or "cvc" or "cid" or "csc" or "cvn" => WordRole.CardSecurityCode,
            "security" => WordRole.Security,
            "seguridad" => WordRole.Seguridad,
            "otp" or "passcode" or "password" or "passwd" or "pin" or "nip" or "clave" or "contrasena"
                or "verification" or "verificacion" => WordRole.Passcode,
            "code" or "codigo" => WordRole.Code,
            "number" or "no" or "num" or "numero" or "nro" => WordRole.NumberNoun,
            "one" => WordRole.One,
            "time" => WordRole.Time,
            "ssn" or "social" => WordRole.SocialSecurity,
            "ss" => WordRole.SocialSecurityAbbreviation,
            "order" or "orden" or "pedido" or "reference" or "ref" or "referencia" or "confirmation" or "confirmacion"
                or "tracking" or "rastreo" or "guia" or "invoice" or "factura" or "receipt" or "recibo" or "ticket"
                or "case" or "caso" or "claim" or "reclamo" or "folio" or "account" or "cuenta" or "transaction"
                or "transaccion" or "operacion" or "booking" or "reservation" or "reserva" or "flight" or "vuelo"
                or "seat" or "gate" or "room" or "store" or "tienda" or "sucursal" or "branch" or "item" or "sku"
                or "model" or "serial" or "zip" or "postal" or "promo" or "promocional" or "promocion" or "discount"
                or "descuento" or "coupon" or "cupon" or "gift" or "regalo" or "area" or "country" or "error"
                or "reason" or "motivo" or "response" or "status" or "authorization" or "autorizacion" or "approval"
                or "aprobacion" or "auth" or "merchant" or "comercio" or "mcc" or "barras" or "id" or "product"
                or "producto" or "extension" or "ext" or "apt" or "suite" or "unit" or "street" or "calle"
                or "avenue" or "route" or "batch" or "lote" or "member" or "miembro" or "cliente" or "customer"
                => WordRole.Reference,
            "last" or "ending" or "ends" or "ended" or "terminada" or "terminado" or "termina" or "terminacion"
                or "ultimos" or "ultimas" or "phone" or "telefono" or "tel" or "call" or "called" or "llame"
                or "llamar" or "celular" or "cell" or "mobile" or "fax" or "year" or "ano" or "page" or "pagina"
                or "january" or "february" or "march" or "april" or "june" or "july" or "august"
                or "september" or "october" or "november" or "december" or "jan" or "feb" or "mar" or "apr"
                or "jun" or "jul" or "aug" or "sep" or "sept" or "oct" or "nov" or "dec" or "enero" or "febrero"
                or "marzo" or "abril" or "mayo" or "junio" or "julio" or "agosto" or "septiembre" or "setiembre"
                or "octubre" or "noviembre" or "diciembre" => WordRole.Position,
            "usd" or "eur" or "mxn" or "gbp" or "cad" or "dollars" or "dollar" or "dolares" or "dolar" or "pesos"
                or "euros" or "cents" or "centavos" or "bucks" => WordRole.Currency,
            _ => WordRole.Ordinary,
        };
    }
}
