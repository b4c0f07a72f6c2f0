"""
A local server on 127.0.0.1 speaking the OpenAI chat-completions streaming protocol.

The bench times the OpenAI provider against it, with the command grammar
answering (``respond``); the tests script its answers, one per request, in
order (``script``): a ``Stream`` of server-sent events, a ``Status`` (an HTTP
error) or a ``Drop`` (the connection closed without a response). It records
every request with its headers and JSON body and counts the TCP connections.
With ``api_key`` it refuses, with a 401, any request that does not send that
key; the key is compared, never logged or echoed. ``GET /models`` answers a
one-model list, except while ``loading`` is set: then every request gets
llama-server's 503. test/openai_server.py adds the answers of particular
servers (Ollama, llama-cpp-python, ...).
"""

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import json
import socket
import threading
import time
import traceback
import uuid

from .openai_answers import chunk, Drop, loading, Request, Status


class OpenAIServer:
    """
    The server; ``start()`` it, ``script()`` the answers, ``stop()`` it.

    Usable as a context manager. A request without a scripted answer gets
    ``respond(request)``; without ``respond`` it gets a 500 and is listed in
    ``errors`` so that a test notices.

    :param respond: ``Request -> Stream | Status | Drop``, the answer when none is scripted.
    :param api_key: the key every request must send as ``Authorization: Bearer``, or None.
    :param model: the one model ``GET /models`` lists.
    """

    def __init__(self, respond=None, api_key=None, model='test-model'):
        if api_key is not None and not api_key:
            raise ValueError('api_key must not be empty')
        self.respond = respond
        self.api_key = api_key
        self.model = model
        self.requests = []
        self.errors = []
        self.connections = 0
        self.refused = 0
        self.loading = False
        self._answers = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._sockets = set()
        self._httpd = _HTTPServer(('127.0.0.1', 0), _Handler)
        self._httpd.owner = self
        self._thread = None

    @property
    def port(self):
        """Return the port the server listens on."""
        return self._httpd.server_address[1]

    @property
    def base_url(self):
        """Return the base URL to give the client (with ``/v1``)."""
        return f'http://127.0.0.1:{self.port}/v1'

    @property
    def pending(self):
        """Return the scripted answers not used yet."""
        with self._lock:
            return list(self._answers)

    @property
    def chat_requests(self):
        """Return the recorded chat-completions requests."""
        return [r for r in self.requests if r.path.endswith('/chat/completions')]

    def script(self, *answers):
        """Append answers for the next requests, in order."""
        with self._lock:
            self._answers.extend(answers)

    def wait_for(self, predicate, timeout=5.0):
        """Wait until ``predicate()`` is true; return whether it became true."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return True
            time.sleep(0.01)
        return predicate()

    def start(self):
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={'poll_interval': 0.05},
                                        name='openai-server', daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stop serving, break open connections and join every thread."""
        self._stopping.set()
        self._httpd.shutdown()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._httpd.server_close()  # joins the handler threads
        self._thread.join(timeout=5.0)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _next_answer(self, request):
        with self._lock:
            if self._answers:
                return self._answers.pop(0)
        return self.respond(request) if self.respond is not None else None

    def _authorized(self, request):
        """Say whether ``request`` sends the key (when there is one); count refusals."""
        ok = self.api_key is None or \
            request.headers.get('authorization') == f'Bearer {self.api_key}'
        if not ok:
            with self._lock:
                self.refused += 1
        return ok

    def _sleep(self, seconds):
        """Sleep, but wake at once when the server stops."""
        if seconds > 0:
            self._stopping.wait(seconds)


class _HTTPServer(ThreadingHTTPServer):

    daemon_threads = True
    block_on_close = True

    def handle_error(self, request, client_address):
        self.owner.errors.append(traceback.format_exc())


class _Handler(BaseHTTPRequestHandler):

    protocol_version = 'HTTP/1.1'
    timeout = 30

    def setup(self):
        super().setup()
        # As real servers do: without it Nagle holds each small event back until
        # the client's delayed ACK, some 40 ms, which would be timed as TTFT.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        owner = self.server.owner
        with owner._lock:
            owner.connections += 1
            self.connection_number = owner.connections
            owner._sockets.add(self.connection)

    def finish(self):
        owner = self.server.owner
        with owner._lock:
            owner._sockets.discard(self.connection)
        super().finish()

    def handle(self):
        try:
            super().handle()
        except ConnectionError:
            pass  # the client reset a kept-alive connection: normal, not a server error

    def log_message(self, *args):
        pass  # nothing on stderr, and never a header

    def _record(self):
        length = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(length) if length else b''
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = {'unparsed': raw.decode(errors='replace')}
        request = Request(self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                          body, time.monotonic(), self.connection_number)
        owner = self.server.owner
        with owner._lock:
            owner.requests.append(request)
        return request

    def _refused(self, request):
        """Answer a 401 without the key, llama-server's 503 while loading; say whether it did."""
        owner = self.server.owner
        if not owner._authorized(request):
            self._send_json(401, {'error': {'message': 'invalid API key',
                                            'type': 'invalid_request_error', 'code': None}})
            return True
        if not owner.loading:
            return False
        answer = loading()
        self._send_json(answer.code, {'error': {'message': answer.message,
                                                'type': answer.error_type, 'code': answer.code}})
        return True

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self._refused(self._record()):
            return
        if self.path.rstrip('/').endswith('/models'):
            self._send_json(200, {'object': 'list', 'data': [
                {'id': self.server.owner.model, 'object': 'model', 'created': 0,
                 'owned_by': 'voice_nav'}]})
        else:
            self._send_json(404, {'error': {'message': 'not found', 'type': 'not_found'}})

    def do_POST(self):  # noqa: N802 (http.server's name)
        request = self._record()
        if self._refused(request):
            return
        answer = self.server.owner._next_answer(request)
        if answer is None:
            self.server.owner.errors.append(f'no scripted answer for {self.path}')
            self._send_json(500, {'error': {'message': 'no scripted answer'}})
        elif isinstance(answer, Status):
            self._send_json(answer.code, {'error': {'message': answer.message,
                                                    'type': answer.error_type, 'code': None}},
                            answer.headers)
        elif isinstance(answer, Drop):
            self._drop()
        else:
            self._stream(request, answer)

    def _send_json(self, code, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _stream(self, request, answer):
        chunked = answer.framing == 'chunked'
        self.send_response(200)
        self.send_header('Content-Type', 'text/event-stream')
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if chunked:
            self.send_header('Transfer-Encoding', 'chunked')
        else:
            self.send_header('Connection', 'close')
            self.close_connection = True
        self.end_headers()
        owner = self.server.owner
        model = (request.body or {}).get('model', owner.model)
        request.response_id = f'chatcmpl-{uuid.uuid4().hex[:12]}'

        def event(body):
            full = {'id': request.response_id, 'object': 'chat.completion.chunk',
                    'created': int(time.time()), 'model': model, **body}
            data = json.dumps(full)
            if answer.escape_html:
                # Only strings hold these characters, so the JSON stays valid.
                data = data.replace('<', '\\u003c').replace('>', '\\u003e').replace(
                    '&', '\\u0026')
            return f'data: {data}\n\n'

        lines = [e + '\n' if isinstance(e, str) else event(e) for e in answer.events]
        options = (request.body or {}).get('stream_options') or {}
        if answer.usage is not None and options.get('include_usage') and not answer.cut \
                and answer.endless is None:
            prompt, completion = answer.usage
            lines.append(event({'choices': [], 'usage': {
                'prompt_tokens': prompt, 'completion_tokens': completion,
                'total_tokens': prompt + completion}}))
        if answer.done and not answer.cut and answer.endless is None:
            lines.append('data: [DONE]\n\n')

        def write(line):
            data = line.encode()
            self.wfile.write(b'%x\r\n%s\r\n' % (len(data), data) if chunked else data)
            self.wfile.flush()

        try:
            owner._sleep(answer.first_delay)
            for number, line in enumerate(lines):
                if number:
                    owner._sleep(answer.delay)
                if owner._stopping.is_set():
                    break
                write(line)
            while answer.endless is not None and not owner._stopping.is_set():
                owner._sleep(max(answer.delay, 0.01))
                write(event(chunk(answer.endless)))
            if answer.cut:
                self._drop()
            elif chunked:
                self.wfile.write(b'0\r\n\r\n')
        except OSError:
            # The client went away: what a test of cancellation looks for.
            request.disconnected = True
            self.close_connection = True
