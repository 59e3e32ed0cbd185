using BrandPortal.Core.Webhooks;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Webhooks;

/// <summary>The signer against the Standard Webhooks specification's published test vector.</summary>
public sealed class WebhookSignatureTests
{
    // The specification's reference libraries all check this one: secret, message id, timestamp, body and signature.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = "{\"test\": 2432232314}";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void Sign_SpecificationTestVector_GivesThePublishedSignature()
        => WebhookSignature.Sign(Secret, MessageId, Timestamp, Body).Should().Be(Expected);

    [Fact]
    public void Verify_PublishedSignatureAmongOthers_IsTrue_ChangedBodyOrTimestampIsFalse()
    {
        WebhookSignature.Verify(Secret, MessageId, Timestamp, Body, "v1,bm90IHRoaXMgb25l " + Expected).Should().BeTrue();
        WebhookSignature.Verify(Secret, MessageId, Timestamp, Body + " ", Expected).Should().BeFalse();
        WebhookSignature.Verify(Secret, MessageId, Timestamp + 1, Body, Expected).Should().BeFalse();
    }
}
