"""Development tools shared by the tests, the benchmarks (bench/) and the snapshot builder (data/snapshot):
a loopback server replaying the sources' answers, and synthetic targets for scale runs. Not part of the
running service, and never imports test code."""
