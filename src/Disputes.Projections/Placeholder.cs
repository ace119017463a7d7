namespace Disputes.Projections; public static class Placeholder {}
