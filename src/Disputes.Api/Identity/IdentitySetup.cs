using Disputes.Api.Hosting;
using Disputes.Domain.Screening;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Disputes.Api.Identity;

/// <summary>JWT bearer authentication and the role policies.</summary>
public static class IdentitySetup
{
    /// <summary>The longest subject recorded as the actor of events.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>
    /// Registers authentication from <c>Disputes:Auth</c> and one policy per kind of access.
    /// </summary>
    /// <exception cref="InvalidOperationException">The signing key is missing, short or published (see <see cref="SigningKeys"/>).</exception>
    public static void AddDisputesIdentity(this WebApplicationBuilder builder)
    {
        var settings = builder.AddSettings<AuthenticationOptions>();
        settings.SigningKey = SigningKeys.Resolve(settings, builder.Environment.IsDevelopment());
        builder.Services.PostConfigure<AuthenticationOptions>(options => options.SigningKey = settings.SigningKey);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.AddOperationsAccess();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.Authority = settings.Authority;
            // The WWW-Authenticate header would otherwise say why a token failed, with values taken from it.
            jwt.IncludeErrorDetails = false;
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

            jwt.Events = new JwtBearerEvents { OnTokenValidated = RefuseUnrecordableSubject };
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.WorkDisputes, p => p.RequireRole(Roles.Agent, Roles.Supervisor))
            .AddPolicy(Policies.Reopen, p => p.RequireRole(Roles.Supervisor))
            .AddPolicy(Policies.ApproveResolutions, p => p.RequireRole(Roles.Supervisor))
            .AddPolicy(Policies.ReadDisputes, p => p.RequireRole(Roles.Agent, Roles.Supervisor, Roles.Compliance))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Compliance, Roles.Supervisor))
            .AddPolicy(Policies.CorrectPastClosings, p => p.RequireRole(Roles.Supervisor, Roles.Compliance))
            .AddPolicy(Policies.ReportActivity, p => p.RequireRole(Roles.Integrator))
            .AddPolicy(Policies.ManageWebhooks, p => p.RequireRole(Roles.Integrator))
            .AddPolicy(Policies.ReadWebhooks, p => p.RequireRole(Roles.Integrator, Roles.Compliance))
            .AddPolicy(Policies.ReadPrintQueue, p => p.RequireRole(Roles.Integrator, Roles.Compliance))
            .AddPolicy(Policies.PrintNotices, p => p.RequireRole(Roles.Integrator))
            .AddPolicy(Policies.OwnDisputes, p => p.RequireRole(Roles.Cardmember).RequireClaim(Roles.AccountClaim))
            .AddPolicy(Policies.Operate, p => p.RequireAssertion(context =>
                context.Resource is HttpContext http && OperationsAccess.Allows(http)));
    }

    // The subject becomes the actor on every event the caller causes, and the event store cannot be rewritten: a
    // token whose subject is missing, overlong or holds a card number, SSN or passcode is refused (401).
    private static Task RefuseUnrecordableSubject(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirst(Roles.SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectLength || SensitiveDataScreen.Find(subject) is not null)
        {
            context.Fail("The token's subject cannot be recorded as an actor.");
        }

        return Task.CompletedTask;
    }
}
