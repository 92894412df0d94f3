/**
 * The web page's style sheet and script, as strings compiled into proxlb (so the single
 * binary serves them and nothing is fetched from the internet). Served from /assets/ so
 * that the Content-Security-Policy can forbid every inline script and style.
 *
 * The script only enhances: it fills the policy text area from a chosen file, and on the
 * run page follows the run's server-sent events (appending each line to the log and
 * updating each migration's status), reloading the page for the result once the run ends.
 * Every page works without it.
 */

export const APP_CSS = `
:root{color-scheme:light;--fg:#111827;--muted:#4b5563;--line:#d1d5db;--accent:#1d4ed8;--bg:#fff;--soft:#f3f4f6}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
header{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding:8px 16px;border-bottom:1px solid var(--line);background:var(--soft)}
.brand{margin:0;font-weight:700}.brand a{color:var(--fg);text-decoration:none}.cluster{font-weight:400;color:var(--muted);margin-left:8px}
nav{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;flex:1}nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.logout{margin-left:auto;display:flex;align-items:center;gap:8px}.who{color:var(--muted)}
main{padding:16px;max-width:1200px}
h1{font-size:1.5rem;margin:8px 0 12px}h2{font-size:1.2rem;margin:24px 0 8px}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:4px 0 12px;min-width:50%}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}thead th{background:var(--soft)}
.load{display:inline-flex;flex-wrap:wrap;align-items:center;gap:4px 6px}.load small{color:var(--muted)}meter{width:90px;height:14px}
details{margin:4px 0}summary{cursor:pointer}
.notice{border-left:6px solid;padding:8px 12px;margin:12px 0;background:var(--soft)}.notice p{margin:0}.notice ul{margin:4px 0 0;padding-left:20px}
.notice.error{border-color:#b91c1c;background:#fef2f2}.notice.warning{border-color:#b45309;background:#fffbeb}.notice.ok{border-color:#15803d;background:#f0fdf4}
button{font:inherit;padding:6px 14px;border:1px solid #374151;border-radius:4px;background:#fff;color:var(--fg);cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff;font-weight:600}
button:disabled{opacity:.6;cursor:default}
input,textarea{font:inherit;padding:4px 6px;border:1px solid #6b7280;border-radius:4px;max-width:100%}textarea{width:100%;font-family:ui-monospace,monospace;font-size:14px}
.login{max-width:420px}.login input[type=password],.login input[name=user]{width:100%}fieldset{border:1px solid var(--line);margin:0 0 12px}fieldset label{margin-right:16px}
.verdict{font-weight:600}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
figure{margin:0;max-width:100%}figure svg{max-width:100%;height:auto}figcaption span{margin-right:16px}
svg text{font:12px system-ui,sans-serif;fill:#111827}svg .role{fill:#4b5563;font-size:11px}svg .node{font-weight:600}svg .track{fill:#f3f4f6}svg .full{stroke:#b91c1c;stroke-width:1;stroke-dasharray:3 3}
.log{font-family:ui-monospace,monospace;font-size:14px;background:var(--soft);padding:8px 8px 8px 40px;max-height:24rem;overflow:auto}
.report{background:var(--soft);padding:8px;overflow-x:auto}
.status{font-weight:600}
@media (max-width:640px){main{padding:8px}header{padding:8px}.logout{margin-left:0}th,td{padding:3px 5px}}
`

export const APP_JS = `
(function () {
  'use strict'
  document.querySelectorAll('input[type=file][data-into]').forEach(function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0]
      var target = document.getElementById(input.getAttribute('data-into'))
      if (!file || !target) return
      file.text().then(function (text) { target.value = text })
    })
  })
  var status = document.getElementById('run-status')
  if (!status || status.getAttribute('data-live') !== '1' || !window.EventSource) return
  var log = document.getElementById('run-log')
  var id = status.getAttribute('data-run')
  var after = Number(status.getAttribute('data-events')) || 0
  var source = new EventSource('/runs/' + encodeURIComponent(id) + '/events?after=' + after)
  source.onmessage = function (message) {
    var item = JSON.parse(message.data)
    var li = document.createElement('li')
    li.textContent = item.line
    log.appendChild(li)
    log.scrollTop = log.scrollHeight
    if (typeof item.move === 'number' && item.status) {
      var row = document.querySelector('tr[data-move="' + item.move + '"]')
      if (row && row.lastElementChild) row.lastElementChild.textContent = item.status
    }
  }
  source.addEventListener('end', function () {
    source.close()
    status.textContent = 'Finished; loading the result.'
    window.location.reload()
  })
})()
`
