"""`scoring` must stay free of Django: it imports only numpy and the standard library."""

import subprocess
import sys

PROBE = """
import sys
import scoring
import scoring.engine, scoring.criteria, scoring.profiles, scoring.facts, scoring.stability
third_party = sorted(
    name for name in sys.modules
    if name.split('.')[0] not in sys.stdlib_module_names and name.split('.')[0] not in ('numpy', 'scoring')
    and not name.startswith('_')
)
print('django' in sys.modules)
print(','.join(third_party))
"""


def test_importing_scoring_loads_neither_django_nor_other_third_party_packages():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    django_loaded, third_party = result.stdout.splitlines()
    assert django_loaded == "False"
    assert third_party == ""
