public class T { [Xunit.Fact] public void X() {} }
