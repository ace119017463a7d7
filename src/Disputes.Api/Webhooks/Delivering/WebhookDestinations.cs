using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Disputes.Api.Webhooks.Delivering;

/// <summary>A delivery's host resolved to an address webhooks may not reach.</summary>
/// <param name="host">The host of the subscription's URL.</param>
/// <param name="reason">What the address is, e.g. <c>10.0.0.7 is a private address (RFC 1918)</c>.</param>
public sealed class WebhookDestinationRefused(string host, string reason)
    : HttpRequestException($"Webhooks may not be sent to {host}: {reason}.")
{
    /// <summary>What the address is.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// Keeps webhooks off the service's own network (SSRF): outside Development and Testing, a URL whose host resolves to a
/// loopback, link-local, private (RFC 1918, unique-local), shared (carrier-grade NAT), unspecified, multicast or reserved
/// address is refused when the subscription is made, and every delivery checks again on the address it actually
/// connects to, so a DNS answer that changed since (rebinding) is caught too.
/// </summary>
public sealed class WebhookDestinations(IOptions<WebhookOptions> options)
{
    private static readonly (IPNetwork Network, string What)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "a shared carrier-grade NAT address (RFC 6598)"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved protocol address (RFC 6890)"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address (RFC 2544)"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local address (RFC 4193)"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    /// <summary>Whether private addresses are allowed here (Development and Testing, unless configured otherwise).</summary>
    public bool AllowsPrivateAddresses => options.Value.AllowPrivateAddresses == true;

    /// <summary>Whether plain <c>http://</c> is allowed here.</summary>
    public bool AllowsPlainHttp => options.Value.AllowPlainHttp == true;

    /// <summary>Why webhooks may not reach <paramref name="address"/>; null when they may.</summary>
    public static string? RefusalOf(IPAddress address)
    {
        // ::ffff:10.0.0.1 reaches 10.0.0.1.
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var (network, what) in Refused)
        {
            if (network.BaseAddress.AddressFamily == plain.AddressFamily && network.Contains(plain))
            {
                return $"{plain} is {what}";
            }
        }

        return null;
    }

    /// <summary>
    /// Why webhooks may not be sent to <paramref name="host"/>, after resolving it; null when they may (or when private
    /// addresses are allowed here, without resolving).
    /// </summary>
    public async Task<string?> RefusalOfHostAsync(string host, CancellationToken cancellation)
    {
        if (AllowsPrivateAddresses)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellation);
        }
        catch (SocketException)
        {
            return $"{host} could not be resolved";
        }

        if (addresses.Length == 0)
        {
            return $"{host} could not be resolved";
        }

        // Every address counts: a client may connect to any of them.
        return addresses.Select(RefusalOf).FirstOrDefault(r => r is not null);
    }

    /// <summary>
    /// The connection step of the webhook client: resolves the host, refuses it (<see cref="WebhookDestinationRefused"/>)
    /// when any of its addresses may not be reached, and connects to those checked addresses only, so the check and the
    /// connection see the same DNS answer.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellation);
        if (!AllowsPrivateAddresses && addresses.Select(RefusalOf).FirstOrDefault(r => r is not null) is { } refusal)
        {
            throw new WebhookDestinationRefused(host, refusal);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
