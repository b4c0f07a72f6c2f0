"""
A local OpenAI-compatible chat-completions server for ``voice-nav bench``.

It listens on 127.0.0.1 only and streams its answers as server-sent events,
the way OpenAI, Ollama or vLLM do: a role chunk, the tool calls in pieces,
``finish_reason``, then ``data: [DONE]``; no usage chunk, since it counts no
tokens (an unknown count is not a zero count). The
offline command grammar plays the model, so the answers are real function
calls and the time measured is what the protocol, HTTP and the client cost,
not a model's own inference. Requests must carry the API key it was given.
"""

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import json
import socket
import threading
import time
import uuid

from .plugins.command_grammar import parse_command

MODEL = 'voice-nav-grammar'


def answer_events(messages):
    """
    Return the chunks (dicts without id, model and created) that answer ``messages``.

    The last user message is parsed with the command grammar: calls become
    streamed ``tool_calls``, a reply becomes text. After tool results the
    answer is empty, as the offline LLM's is.
    """
    events = [{'index': 0, 'delta': {'role': 'assistant', 'content': ''},
               'finish_reason': None}]
    last = messages[-1] if messages else {}
    if last.get('role') != 'user':
        return events + [{'index': 0, 'delta': {}, 'finish_reason': 'stop'}]
    parsed = parse_command(str(last.get('content') or ''))
    if not parsed.calls:
        return events + [{'index': 0, 'delta': {'content': parsed.reply}, 'finish_reason': None},
                         {'index': 0, 'delta': {}, 'finish_reason': 'stop'}]
    for number, command in enumerate(parsed.calls):
        arguments = json.dumps(command.arguments)
        half = len(arguments) // 2
        # The name first, then the arguments in two pieces, as servers stream them.
        events.append({'index': 0, 'finish_reason': None, 'delta': {'tool_calls': [{
            'index': number, 'id': f'call_{uuid.uuid4().hex[:12]}', 'type': 'function',
            'function': {'name': command.name, 'arguments': arguments[:half]}}]}})
        events.append({'index': 0, 'finish_reason': None, 'delta': {'tool_calls': [{
            'index': number, 'function': {'arguments': arguments[half:]}}]}})
    return events + [{'index': 0, 'delta': {}, 'finish_reason': 'tool_calls'}]


class LocalOpenAIServer:
    """
    The server: ``start()``, give ``base_url`` to the client, ``stop()``.

    :param api_key: the key every request must send as ``Authorization: Bearer``;
        it is compared, never logged or echoed.
    """

    def __init__(self, api_key):
        if not api_key:
            raise ValueError('api_key must not be empty')
        self.api_key = api_key
        self.requests = 0
        self.refused = 0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(('127.0.0.1', 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self
        self._thread = None

    @property
    def base_url(self):
        """Return the base URL to give an OpenAI client (with ``/v1``)."""
        return f'http://127.0.0.1:{self._httpd.server_address[1]}/v1'

    def start(self):
        """Serve in a background thread; return self."""
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={'poll_interval': 0.05},
                                        name='bench-openai-server', daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stop serving and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5.0)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def authorized(self, header):
        """Say whether an ``Authorization`` header carries the key; count refusals."""
        ok = header == f'Bearer {self.api_key}'
        with self._lock:
            self.requests += 1
            self.refused += not ok
        return ok


class _Handler(BaseHTTPRequestHandler):

    protocol_version = 'HTTP/1.1'  # keep-alive: the client reuses its connection

    def setup(self):
        super().setup()
        # As real servers do: without it Nagle holds each small event back until
        # the client's delayed ACK, some 40 ms, which would be timed as TTFT.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass  # nothing on stderr, and never a header

    def _authorized(self):
        if self.server.owner.authorized(self.headers.get('Authorization')):
            return True
        self._send_json(401, {'error': {'message': 'invalid API key',
                                        'type': 'invalid_request_error', 'code': None}})
        return False

    def _body(self):
        length = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(length) if length else b''
        try:
            return json.loads(raw) if raw else {}
        except ValueError:
            return None

    def do_GET(self):  # noqa: N802 (http.server's name)
        if not self._authorized():
            return
        if self.path.rstrip('/').endswith('/models'):
            self._send_json(200, {'object': 'list', 'data': [
                {'id': MODEL, 'object': 'model', 'created': 0, 'owned_by': 'voice_nav'}]})
        else:
            self._send_json(404, {'error': {'message': 'not found', 'type': 'not_found'}})

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self._body()
        if not self._authorized():
            return
        if not self.path.rstrip('/').endswith('/chat/completions') or \
                not isinstance(body, dict) or not isinstance(body.get('messages'), list):
            self._send_json(400, {'error': {'message': 'expected a chat completions request',
                                            'type': 'invalid_request_error', 'code': None}})
            return
        model = str(body.get('model') or MODEL)
        created = int(time.time())
        events = answer_events(body['messages'])
        self.send_response(200)
        self.send_header('Content-Type', 'text/event-stream')
        self.send_header('Transfer-Encoding', 'chunked')
        self.end_headers()
        for event in events:
            chunk = {'id': 'chatcmpl-bench', 'object': 'chat.completion.chunk',
                     'created': created, 'model': model, 'choices': [event]}
            self._send_chunk(f'data: {json.dumps(chunk)}\n\n')
        self._send_chunk('data: [DONE]\n\n')
        self.wfile.write(b'0\r\n\r\n')
        self.wfile.flush()

    def _send_chunk(self, text):
        data = text.encode()
        self.wfile.write(b'%x\r\n%s\r\n' % (len(data), data))
        self.wfile.flush()

    def _send_json(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)
