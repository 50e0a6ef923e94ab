"""``seed_demo --scale N``: N extra mentors with realistic histories, written in bulk.

One module per step, run in this order by ``seed_demo``: ``mentors`` (the accounts and the
helpers the others share), ``learning``, ``practice``, ``assignments``.
"""
