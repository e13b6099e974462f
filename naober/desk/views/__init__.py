"""The desk's pages, by who uses them: counter (hosts), referrals (hosts and partners),
network (coordinators: figures and residents' requests)."""
