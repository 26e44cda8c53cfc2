// A small SMTP server on loopback that keeps every message it is sent, for
// tests of the emails Alongside sends.  It speaks just enough of RFC 5321
// for libcurl: greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
import net from 'node:net';

// port 0 picks a free one; a given port lets a test bring a sink back.
export async function startSmtpSink(port = 0) {
  const messages = [];
  const waiters = [];
  const server = net.createServer((socket) => {
    let buffer = '', inData = false, current = { from: null, to: [], data: '' };
    socket.setEncoding('utf8');
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(current);
          waiters.splice(0).forEach((w) => w());
          current = { from: null, to: [], data: '' };
          socket.write('250 kept\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 sink\r\n');
        else if (verb === 'MAIL') { current.from = line.slice(10).trim(); socket.write('250 ok\r\n'); }
        else if (verb === 'RCPT') { current.to.push(line.slice(8).trim()); socket.write('250 ok\r\n'); }
        else if (verb === 'DATA') { inData = true; socket.write('354 go on\r\n'); }
        else if (verb === 'QUIT') { socket.end('221 bye\r\n'); return; }
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `smtp://127.0.0.1:${server.address().port}`,
    messages,
    // Resolves once there are at least n messages, or fails after a while.
    async waitFor(n, ms = 5000) {
      const deadline = Date.now() + ms;
      while (messages.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${messages.length} of ${n} emails arrived`);
        await new Promise((r) => { waiters.push(r); setTimeout(r, 100); });
      }
      return messages;
    },
    stop: () => new Promise((r) => server.close(r)),
  };
}
