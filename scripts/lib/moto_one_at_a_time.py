"""moto server handling one request at a time.

moto_server serves requests on several threads with no lock, so two simultaneous conditional writes can both
succeed and a failed transaction's rollback can wipe another's commit (moto 5.2.1). DynamoDB and Secrets Manager
never do that, and our tests rely on conditional writes, so the emulator runs single-threaded: werkzeug then
answers HTTP/1.0 and closes each connection, so no client can hold it.

Usage: python3 moto_one_at_a_time.py HOST PORT
"""
import os
import sys

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

host, port = sys.argv[1], int(sys.argv[2])
os.environ.setdefault("MOTO_PORT", str(port))
run_simple(host, port, DomainDispatcherApplication(create_backend_app), threaded=False)
