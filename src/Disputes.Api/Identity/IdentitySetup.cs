using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Disputes.Api.Identity;

/// <summary>JWT bearer authentication and the role policies.</summary>
public static class IdentitySetup
{
    /// <summary>Registers authentication from <c>Disputes:Auth</c> and one policy per kind of access.</summary>
    public static void AddDisputesIdentity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthenticationOptions.Section);
        builder.Services.Configure<AuthenticationOptions>(section);
        var settings = section.Get<AuthenticationOptions>() ?? new AuthenticationOptions();
        builder.Services.AddSingleton<TokenIssuer>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.Authority = settings.Authority;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                NameClaimType = Roles.SubjectClaim,
                RoleClaimType = Roles.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (settings.Authority is null)
            {
                jwt.TokenValidationParameters.IssuerSigningKey = TokenIssuer.KeyFrom(settings);
            }
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.WorkDisputes, p => p.RequireRole(Roles.Agent, Roles.Supervisor))
            .AddPolicy(Policies.Reopen, p => p.RequireRole(Roles.Supervisor))
            .AddPolicy(Policies.ReadDisputes, p => p.RequireRole(Roles.Agent, Roles.Supervisor, Roles.Compliance))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Compliance, Roles.Supervisor))
            .AddPolicy(Policies.OwnDisputes, p => p.RequireRole(Roles.Cardmember).RequireClaim(Roles.AccountClaim));
    }
}
