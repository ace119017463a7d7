using Xunit.Sdk;
using Xunit.v3;

// Each test starts the real service as a process (and some stop PostgreSQL or kill the service): run them one at a
// time, so their timings do not depend on each other and a 2-core CI machine is not oversubscribed. (xunit.v3 4.x
// made CollectionBehavior(DisableTestParallelization = true) an error; this is its replacement.)
[assembly: Parallelization(Mode = ParallelMode.None)]
