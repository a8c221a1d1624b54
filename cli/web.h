/*
 * web.h — the page `dateline serve` sends: one self-contained HTML file
 * (no build step, no external requests) over the JSON API. Text from the
 * store is only ever inserted with textContent.
 */
#ifndef DL_CLI_WEB_H
#define DL_CLI_WEB_H

#include <string.h>

static const char dl_web_page[] =
"<!doctype html><html lang=en><head><meta charset=utf-8>"
"<meta name=viewport content='width=device-width,initial-scale=1'>"
"<title>dateline</title><style>"
"body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222}"
"header{background:#1d3557;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center}"
"header h1{font-size:18px;margin:0}nav button{background:none;border:0;color:#cfe;font:inherit;cursor:pointer;padding:4px 8px}"
"nav button.on{color:#fff;border-bottom:2px solid #fff}main{padding:12px 16px}"
"form{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:10px}input{padding:4px 6px;font:inherit}"
"table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}"
"th{background:#f4f4f4}td.ev{color:#444;max-width:600px}mark{background:#ffe066}"
".q1{fill:#2a9d8f}.q2{fill:#8ab17d}.q3{fill:#e9c46a}.q4{fill:#e76f51}#stats{color:#cfe;margin-left:auto}"
".muted{color:#888}</style></head><body>"
"<header><h1>dateline</h1><nav>"
"<button data-v=events class=on>Events</button><button data-v=timeline>Timeline</button>"
"<button data-v=actors>Actors</button><button data-v=quotes>Quotes</button><button data-v=search>Search</button>"
"</nav><span id=stats></span></header><main>"
"<form id=f><input name=actor placeholder='actor (RUS, RUSGOV)'><input name=dyad placeholder='dyad RUS:POL'>"
"<input name=cameo placeholder='CAMEO prefix'><input name=speaker placeholder='speaker'>"
"<input name=q placeholder='search words'><input name=from type=date><input name=to type=date>"
"<button>Go</button></form><div id=out class=muted>loading…</div></main><script>"
"let view='events';const $=s=>document.querySelector(s);"
"function el(t,txt,cls){const e=document.createElement(t);if(txt!=null)e.textContent=txt;if(cls)e.className=cls;return e}"
"function marked(s){const d=el('span');(s||'').split('\\u0002').forEach((p,i)=>{const k=p.split('\\u0003');"
"if(i&&k.length>1){d.appendChild(el('mark',k[0]));d.appendChild(document.createTextNode(k.slice(1).join('')))}"
"else d.appendChild(document.createTextNode(p))});return d}"
"function params(){const p=new URLSearchParams();for(const i of $('#f').elements)if(i.name&&i.value)p.set(i.name,i.value);return p}"
"function table(rows,cols){if(!rows.length)return el('p','nothing found','muted');const t=el('table');const h=t.insertRow();"
"cols.forEach(c=>h.appendChild(el('th',c[1])));rows.forEach(r=>{const tr=t.insertRow();cols.forEach(c=>{const td=tr.insertCell();"
"if(c[2])td.appendChild(c[2](r));else td.textContent=r[c[0]]==null?'':r[c[0]];if(c[0]=='evidence'||c[0]=='quote'||c[0]=='text')td.className='ev'})});return t}"
"function chart(days){if(!days.length)return el('p','no events','muted');const W=Math.max(600,days.length*8),H=200,"
"m=Math.max(...days.map(d=>d.events)),ns='http://www.w3.org/2000/svg',s=document.createElementNS(ns,'svg');"
"s.setAttribute('width',W);s.setAttribute('height',H+20);const bw=W/days.length;days.forEach((d,i)=>{let y=H;"
"[1,2,3,4].forEach(q=>{const h=d.quad[q-1]/m*H;if(!h)return;const r=document.createElementNS(ns,'rect');"
"r.setAttribute('x',i*bw);r.setAttribute('y',y-h);r.setAttribute('width',Math.max(1,bw-1));r.setAttribute('height',h);"
"r.setAttribute('class','q'+q);const t=document.createElementNS(ns,'title');t.textContent=d.date+': '+d.events+' events';"
"r.appendChild(t);s.appendChild(r);y-=h})});const w=el('div');w.appendChild(s);"
"w.appendChild(el('p',days[0].date+' … '+days[days.length-1].date+' — green: cooperation, orange/red: conflict','muted'));return w}"
"async function show(){const out=$('#out');out.textContent='loading…';const p=params();let api=view;"
"if(view=='search'&&!p.get('q')){out.textContent='type words to search';return}"
"try{const r=await fetch('/api/'+api+'?'+p);const j=await r.json();out.textContent='';"
"if(!r.ok){out.textContent=j.error;return}"
"if(view=='events')out.appendChild(table(j,[['date','date'],['source','source'],['cameo','CAMEO'],['plover','PLOVER'],"
"['target','target'],['place','place'],['evidence','evidence'],['doc','document']]));"
"else if(view=='timeline')out.appendChild(chart(j));"
"else if(view=='actors')out.appendChild(table(j,[['code','code'],['name','name'],['country','country'],['sector','sector'],"
"['mentions','mentions'],['documents','documents'],['first','first'],['last','last']]));"
"else if(view=='quotes')out.appendChild(table(j,[['date','date'],['speaker','speaker'],['code','code'],['kind','kind'],"
"['quote','quotation'],['doc','document']]));"
"else out.appendChild(table(j,[['date','date'],['doc','document'],['text','sentence',r=>marked(r.text)]]))"
"}catch(e){out.textContent='error: '+e}}"
"document.querySelectorAll('nav button').forEach(b=>b.onclick=()=>{document.querySelectorAll('nav button')"
".forEach(x=>x.classList.remove('on'));b.classList.add('on');view=b.dataset.v;show()});"
"$('#f').onsubmit=e=>{e.preventDefault();show()};"
"fetch('/api/stats').then(r=>r.json()).then(j=>{$('#stats').textContent=j.filter(x=>['documents','events','quotes'].includes(x.what))"
".map(x=>x.count+' '+x.what).join(' · ')});show();"
"</script></body></html>";

/* The file served at `path` ("/" is the page): its bytes, content type
 * and length, or NULL. */
static inline const char *dl_web_asset(const char *path, const char **type, size_t *len)
{
    if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0) {
        *type = "text/html; charset=utf-8";
        *len = sizeof dl_web_page - 1;
        return dl_web_page;
    }
    return NULL;
}

#endif
