namespace Disputes.Domain.Complaints;

/// <summary>How a complaint reached the issuer. The API spells each value in snake_case.</summary>
public enum ComplaintChannel
{
    /// <summary>The authenticated chat (<c>chat</c>), the default.</summary>
    Chat,

    /// <summary>A phone call (<c>phone</c>).</summary>
    Phone,

    /// <summary>An e-mail or a secure message (<c>email</c>).</summary>
    Email,

    /// <summary>A letter (<c>mail</c>).</summary>
    Mail,

    /// <summary>Forwarded by a regulator, such as the CFPB's complaint portal (<c>regulator</c>).</summary>
    Regulator,
}
