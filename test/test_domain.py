"""Claiming a ROS domain id of one's own, as the tests and the bench do."""

from voice_nav.ros.domain import claim_domain_id, FIRST_DOMAIN_ID, LAST_DOMAIN_ID


def test_claimed_domains_differ_are_in_range_and_avoid_the_one_named():
    """Each claim holds its own id until its lock closes; the avoided id is never given."""
    held = [claim_domain_id() for _ in range(3)]
    try:
        ids = [domain for domain, _ in held]
        assert len(set(ids)) == 3
        assert all(FIRST_DOMAIN_ID <= d <= LAST_DOMAIN_ID for d in ids)
        avoided = range(FIRST_DOMAIN_ID, FIRST_DOMAIN_ID + 3)
        taken = [claim_domain_id(avoid=str(d)) for d in avoided]
        held += taken
        assert all(domain != d for d, (domain, _) in zip(avoided, taken))
        assert not {d for d, _ in taken} & set(ids)
    finally:
        for _, lock in held:
            lock.close()
