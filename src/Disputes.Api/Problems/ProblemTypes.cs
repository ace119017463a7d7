namespace Disputes.Api.Problems;

/// <summary>
/// The catalogue of problem <c>type</c> URIs (RFC 9457): one per kind of refusal, stable across releases, so a client
/// can branch on the type instead of the title. Every answer of <see cref="Problem"/> uses one of these.
/// </summary>
public static class ProblemTypes
{
    private const string Base = "https://disputes.example/problems/";

    /// <summary>400: fields missing or malformed, listed in <c>errors</c>.</summary>
    public const string Validation = Base + "validation";

    /// <summary>400: the request could not be read at all.</summary>
    public const string BadRequest = Base + "bad-request";

    /// <summary>400: a webhook URL whose host resolves to an address webhooks may not reach (loopback, private, ...).</summary>
    public const string DestinationRefused = Base + "destination-refused";

    /// <summary>404: the resource does not exist (or is not the caller's to see).</summary>
    public const string NotFound = Base + "not-found";

    /// <summary>409: the step is not allowed in the dispute's current state.</summary>
    public const string StepNotAllowed = Base + "step-not-allowed";

    /// <summary>409: the dispute changed since the version the caller decided on.</summary>
    public const string VersionConflict = Base + "version-conflict";

    /// <summary>413: the body is larger than the service reads.</summary>
    public const string TooLarge = Base + "too-large";

    /// <summary>422: the request holds a card number, security code, SSN or passcode; nothing was stored.</summary>
    public const string SensitiveData = Base + "sensitive-data";

    /// <summary>422: well formed, but it cannot be processed as it stands (e.g. an unregistered account).</summary>
    public const string Unprocessable = Base + "unprocessable";

    /// <summary>428: a command came without the version it was decided on.</summary>
    public const string VersionRequired = Base + "version-required";

    /// <summary>429: the client used its allowance; see <c>Retry-After</c>.</summary>
    public const string TooManyRequests = Base + "too-many-requests";

    /// <summary>503: the database cannot be reached now; nothing was changed.</summary>
    public const string Unavailable = Base + "unavailable";

    /// <summary>500: a stored letter no longer matches the hash its notice recorded; it is withheld, never served changed.</summary>
    public const string LetterIntegrity = Base + "letter-integrity";

    /// <summary>415: an uploaded file is not a PDF, JPEG or PNG by its bytes (whatever its name or Content-Type says).</summary>
    public const string UnsupportedFile = Base + "unsupported-file";

    /// <summary>409: the dispute already keeps as many evidence files as it may.</summary>
    public const string FileLimit = Base + "file-limit";

    /// <summary>410: the upload link expired or was revoked.</summary>
    public const string LinkGone = Base + "link-gone";

    /// <summary>403: a second person must take this step (a supervisor approving or returning their own proposal).</summary>
    public const string SecondPersonRequired = Base + "second-person-required";

    /// <summary>403: a signed-in caller reached something of another account (an upload link of someone else's dispute).</summary>
    public const string NotYours = Base + "not-yours";
}
