namespace Disputes.Domain.Tests; public class T { [Xunit.Fact] public void X() {} }
