// The Strongroom console. It holds no logic of its own: every change is one call to the
// management API (/api/v1/...), the same routes, checks and errors as the CLI's. The session
// cookie is HttpOnly; this script only keeps the session's CSRF token, sent as X-CSRF-Token on
// every request that may change something. Nothing from the server is ever parsed as HTML.
'use strict';

(() => {
  const SESSION = '/console/api/session';
  const POLL_MS = 500;
  const state = {
    csrf: null, principal: null, regions: [], region: null, view: null,
    instances: [], selected: null, watching: new Set(), loaded: false,
    access: null, rules: [], policies: [], aaps: [], clientKeys: []
  };

  const $ = (selector, root = document) => root.querySelector(selector);

  /** Builds an element: props set attributes (text, class, on<event> are special); children are nodes or strings. */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
  const path = id => encodeURIComponent(id);

  // ---- the API -------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, code, message, requestId) {
      super(message);
      this.status = status;
      this.code = code;
      this.requestId = requestId;
    }

    /** What the page shows: the API's Message and its Code, after a plain-words lead for the common refusals. */
    describe() {
      const lead = {
        ResourceInUse: 'Still in use, so not deleted: ',
        ResourceAlreadyExists: 'That name is taken: ',
        NotFound: 'Not found (it may have been deleted meanwhile): '
      }[this.code] || '';
      return `${lead}${this.message} (${this.code})`;
    }
  }

  async function api(method, url, body) {
    const headers = {Accept: 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    let response;
    try {
      response = await fetch(url, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin', cache: 'no-store'
      });
    } catch (e) {
      throw new ApiError(0, 'NetworkError', 'The Strongroom server cannot be reached; check that it is running, then try again');
    }
    const text = response.status === 204 ? '' : await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      const error = new ApiError(response.status, (data && data.Code) || `HTTP ${response.status}`,
        (data && data.Message) || `The server answered HTTP ${response.status}`, data && data.RequestId);
      if (response.status === 401 && url !== SESSION) sessionEnded();
      throw error;
    }
    return data;
  }

  // ---- messages and progress -----------------------------------------------------------------

  function showAlert(message) {
    $('#alert-text').textContent = message;
    $('#alert').hidden = false;
  }

  function clearAlert() {
    $('#alert').hidden = true;
  }

  /** The status line at the top of the page; busy adds a spinner. */
  function notice(message, busy = false) {
    const box = $('#notice');
    box.replaceChildren(...(busy ? [el('span', {class: 'spinner', 'aria-hidden': 'true'})] : []), message);
    box.className = busy ? 'notice busy' : 'notice';
    box.hidden = false;
  }

  function clearNotice() {
    $('#notice').hidden = true;
  }

  /** Disables a button while its request runs and shows what is happening on it. */
  async function whileBusy(button, label, work) {
    const original = button.textContent;
    button.disabled = true;
    button.replaceChildren(el('span', {class: 'spinner', 'aria-hidden': 'true'}), label);
    try {
      return await work();
    } finally {
      button.disabled = false;
      button.textContent = original;
    }
  }

  function dialogError(dialog, error) {
    const box = $('.alert', dialog);
    box.textContent = error ? (error instanceof ApiError ? error.describe() : String(error)) : '';
    box.hidden = !error;
  }

  // ---- log-on and session --------------------------------------------------------------------

  /** The log-on form, with a message: an error unless {@code info}. */
  function showLogon(message, info = false) {
    $('#app').hidden = true;
    document.querySelectorAll('dialog[open]').forEach(dialog => dialog.close());
    $('#logon-view').hidden = false;
    const box = $('#logon-message');
    box.textContent = message || '';
    box.className = info ? 'notice' : 'alert';
    box.hidden = !message;
    $('#access-key-secret').value = '';
    $('#access-key-id').focus();
  }

  function sessionEnded() {
    if (state.csrf === null) return;
    state.csrf = null;
    showLogon('Your console session has ended (logged out, or idle too long). Log on again.', true);
  }

  async function logOn(event) {
    event.preventDefault();
    const id = $('#access-key-id').value.trim();
    const secret = $('#access-key-secret').value;
    if (!id || !secret) {
      showLogon('Enter the AccessKeyId and the AccessKeySecret.');
      return;
    }
    try {
      const session = await whileBusy($('#logon-submit'), 'Logging on…',
        () => api('POST', SESSION, {AccessKeyId: id, AccessKeySecret: secret}));
      $('#access-key-secret').value = '';
      await startApp(session);
    } catch (e) {
      showLogon(e instanceof ApiError ? e.describe() : String(e));
    }
  }

  async function logOff() {
    try {
      await api('DELETE', SESSION);
    } catch (e) {
      // The session is gone either way for this page; say why if it was not a plain end of session.
      if (e.status !== 401) showAlert(e.describe());
    }
    state.csrf = null;
    showLogon('You are logged out.', true);
  }

  async function startApp(session) {
    state.csrf = session.CsrfToken;
    state.principal = session.AccessKeyId;
    $('#principal').textContent = session.AccessKeyId;
    $('#logon-view').hidden = true;
    $('#app').hidden = false;
    const regions = await api('GET', '/api/v1/regions');
    state.regions = regions.Regions;
    const remembered = sessionStorage.getItem('strongroom.region');
    state.region = state.regions.some(r => r.RegionId === remembered) ? remembered : state.regions[0].RegionId;
    $('#region').replaceChildren(...state.regions.map(r =>
      el('option', {value: r.RegionId, text: `${r.LocalName} (${r.RegionId})`})));
    $('#region').value = state.region;
    route();
    $('#main').focus();
  }

  // ---- navigation ----------------------------------------------------------------------------

  function route() {
    const access = /^#access\/(.+)$/.exec(location.hash);
    const view = access ? 'access' : location.hash === '#hsm-clusters' ? 'hsm-clusters' : 'dedicated-kms';
    state.view = view;
    state.access = access ? decodeURIComponent(access[1]) : null;
    $('#dedicated-kms-view').hidden = view !== 'dedicated-kms';
    $('#hsm-clusters-view').hidden = view !== 'hsm-clusters';
    $('#access-view').hidden = view !== 'access';
    // The access page of an instance belongs to Dedicated KMS.
    const section = view === 'access' ? 'dedicated-kms' : view;
    for (const link of document.querySelectorAll('.sidenav a')) {
      if (link.getAttribute('href') === `#${section}`) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    closeDetails();
    clearAlert();
    if (state.watching.size === 0) clearNotice();
    if (view === 'hsm-clusters') loadClusters();
    else if (view === 'access') openAccess();
    else loadInstances();
  }

  function regionName(regionId) {
    const region = state.regions.find(r => r.RegionId === regionId);
    return region ? region.LocalName : regionId;
  }

  // ---- Dedicated KMS: the instance list ------------------------------------------------------

  async function loadInstances() {
    const region = state.region;
    const body = $('#instances tbody');
    $('#instances-caption').textContent = `Instances in ${regionName(region)}.`;
    body.replaceChildren(el('tr', {}, el('td', {colspan: 5, class: 'placeholder'},
      el('span', {class: 'spinner', 'aria-hidden': 'true'}), 'Loading instances…')));
    try {
      const list = await api('GET', `/api/v1/instances?RegionId=${path(region)}`);
      if (region !== state.region) return;
      state.instances = list.Instances;
      renderInstances();
      state.instances.filter(i => i.Status === 'Creating').forEach(i => watch(i.InstanceId, 'Connecting'));
    } catch (e) {
      body.replaceChildren(el('tr', {}, el('td', {colspan: 5, class: 'placeholder'}, 'The instances could not be loaded.')));
      if (e.status !== 401) showAlert(e.describe());
    }
  }

  function statusBadge(status) {
    return el('span', {class: `badge status-${status.toLowerCase()}`},
      status === 'Creating' ? el('span', {class: 'spinner', 'aria-hidden': 'true'}) : null,
      el('span', {class: 'status', text: status}));
  }

  function renderInstances() {
    const rows = state.instances.map(instance => {
      const id = instance.InstanceId;
      const actions = el('td', {'data-label': 'Actions', class: 'actions'},
        el('button', {type: 'button', class: 'link', onclick: () => openDetails(id), text: 'Details'}),
        instance.Status === 'Disabled'
          ? el('button', {type: 'button', class: 'link', onclick: () => openConnect(id), text: 'Enable'}) : null);
      const failed = instance.Status === 'Disabled' && instance.ErrorCode
        ? el('div', {class: 'error-text small-text', text: `Last connect failed: ${instance.ErrorCode}`}) : null;
      return el('tr', {'data-instance-id': id},
        el('td', {'data-label': 'Instance ID/Name'}, el('div', {class: 'mono', text: id}),
          el('div', {class: 'muted small-text', text: instance.InstanceName})),
        el('td', {'data-label': 'Status'}, statusBadge(instance.Status), failed),
        el('td', {'data-label': 'VPC ID', class: 'mono', text: instance.VpcId}),
        el('td', {'data-label': 'HSM cluster', class: 'mono', text: instance.HsmClusterId}),
        actions);
    });
    if (rows.length === 0) {
      rows.push(el('tr', {}, el('td', {colspan: 5, class: 'placeholder'},
        `No instances in ${regionName(state.region)}. Pick another region, or click Create Instance.`)));
    }
    $('#instances tbody').replaceChildren(...rows);
  }

  /** Takes in a fresh description of an instance: the list and the Details panel show it at once. */
  function upsert(instance) {
    if (instance.RegionId === state.region) {
      const index = state.instances.findIndex(i => i.InstanceId === instance.InstanceId);
      if (index >= 0) state.instances[index] = instance;
      else state.instances.push(instance);
      if (state.view === 'dedicated-kms') renderInstances();
    }
    if (state.selected && state.selected.InstanceId === instance.InstanceId) renderDetails(instance);
  }

  /** Polls an instance while it is Creating, so that its status updates by itself. */
  async function watch(id, action) {
    if (state.watching.has(id)) return;
    state.watching.add(id);
    notice(`${action} ${id} to its HSM cluster: the status is Creating…`, true);
    try {
      for (;;) {
        await sleep(POLL_MS);
        if (state.csrf === null) return;
        let instance;
        try {
          instance = await api('GET', `/api/v1/instances/${path(id)}`);
        } catch (e) {
          if (e.status === 401) return;
          showAlert(`The status of ${id} could not be read: ${e.describe()}`);
          continue;
        }
        upsert(instance);
        if (instance.Status === 'Enabled') {
          notice(`${id} is connected to ${instance.HsmClusterId}: the status is Enabled.`);
          return;
        }
        if (instance.Status !== 'Creating') {
          clearNotice();
          showAlert(`Connect to HSM failed for ${id}: ${instance.ErrorCode || 'error'}: ${instance.ErrorMessage || ''} `
            + `The instance is ${instance.Status}; check the access credential and the HSM cluster, then click Enable to try again.`);
          return;
        }
      }
    } finally {
      state.watching.delete(id);
    }
  }

  // ---- the Details panel ---------------------------------------------------------------------

  async function openDetails(id) {
    const known = state.instances.find(i => i.InstanceId === id);
    if (known) renderDetails(known);
    $('#details').hidden = false;
    $('#security-audit-note').hidden = true;
    $('#details-title').focus();
    try {
      upsert(await api('GET', `/api/v1/instances/${path(id)}`));
    } catch (e) {
      if (e.status !== 401) showAlert(e.describe());
    }
  }

  function closeDetails() {
    state.selected = null;
    $('#details').hidden = true;
  }

  function renderDetails(instance) {
    state.selected = instance;
    const text = (id, value) => {
      $(id).textContent = value === null || value === undefined || value === '' ? '—' : String(value);
    };
    text('#d-instance-id', instance.InstanceId);
    text('#d-instance-name', instance.InstanceName);
    $('#d-status').replaceChildren(statusBadge(instance.Status));
    text('#d-vpc-address', instance.VpcAddress);
    text('#d-vpc-id', instance.VpcId);
    text('#d-allowed-cidrs', (instance.AllowedCidrs || []).join(', '));
    text('#d-hsm-cluster', instance.HsmClusterId);
    $('#d-disconnect').hidden = instance.Status !== 'Enabled';
    $('#d-enable').hidden = instance.Status !== 'Disabled';
    text('#d-edition', instance.Edition);
    text('#d-spec', `${instance.Spec} QPS`);
    text('#d-security-audit', instance.SecurityAudit === 'Enabled' && instance.AuditBucket
      ? `Enabled (Destination Bucket ${instance.AuditBucket})` : instance.SecurityAudit);
    $('#security-audit').setAttribute('aria-checked', String(instance.SecurityAudit === 'Enabled'));
    showAuditBacklog(instance);
    $('#d-ca-download').textContent = `Download PrivateKmsCA_${instance.InstanceId}.pem`;
    $('#d-ca-download').disabled = !instance.CaCertificateChainPem;
    text('#d-create-time', instance.CreateTime ? new Date(instance.CreateTime).toLocaleString() : '');
    const failed = instance.Status === 'Disabled' && instance.ErrorCode;
    $('#d-error-label').hidden = !failed;
    $('#d-error').hidden = !failed;
    $('#d-error').textContent = failed ? `${instance.ErrorCode}: ${instance.ErrorMessage || ''}` : '';
  }

  /** What waits for delivery on this node, and the last delivery or its error, while audit is Enabled. */
  async function showAuditBacklog(instance) {
    const line = $('#d-audit-backlog');
    if (instance.SecurityAudit !== 'Enabled') {
      line.hidden = true;
      return;
    }
    try {
      const audit = await api('GET', `/api/v1/instances/${path(instance.InstanceId)}/security-audit`);
      if (!state.selected || state.selected.InstanceId !== instance.InstanceId) return;
      const last = audit.LastDeliveryTime ? `last delivery ${new Date(audit.LastDeliveryTime).toLocaleString()}` : 'nothing delivered yet';
      const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
      line.textContent = `Waiting for delivery on node ${audit.Node}: ${plural(audit.BacklogRecords, 'record')} in `
        + `${plural(audit.BacklogSegments, 'interval')}; ${last}`
        + (audit.LastDeliveryError ? `. Delivery is failing, retried with backoff: ${audit.LastDeliveryError}` : '.');
      line.classList.toggle('error-text', Boolean(audit.LastDeliveryError));
      line.hidden = false;
    } catch (e) {
      if (e.status !== 401) showAlert(e.describe());
    }
  }

  /** The CA certificate as a file made in the page: no URL ever carries it. */
  function downloadCa() {
    const instance = state.selected;
    if (!instance || !instance.CaCertificateChainPem) return;
    const url = URL.createObjectURL(new Blob([instance.CaCertificateChainPem], {type: 'application/x-pem-file'}));
    const link = el('a', {href: url, download: `PrivateKmsCA_${instance.InstanceId}.pem`, hidden: true});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /**
   * The Security Audit switch: on an Enabled instance it disables at once; on a Disabled one it
   * opens the bucket picker, and only the server's answer turns the switch on.
   */
  async function toggleSecurityAudit() {
    const instance = state.selected;
    if (!instance) return;
    const form = $('#security-audit-note');
    $('#audit-error').hidden = true;
    if (instance.SecurityAudit === 'Enabled') {
      try {
        upsert(await api('POST', `/api/v1/instances/${path(instance.InstanceId)}/security-audit/disable`));
      } catch (e) {
        if (e.status !== 401) showAlert(e.describe());
      }
      return;
    }
    $('#security-audit').setAttribute('aria-checked', 'false');
    try {
      const list = await api('GET', '/api/v1/audit-buckets');
      const select = $('#audit-bucket');
      select.replaceChildren(...(list.Buckets || []).map(name => el('option', {value: name}, name)));
      form.hidden = false;
      select.focus();
    } catch (e) {
      if (e.status !== 401) showAlert(e.describe());
    }
  }

  async function enableSecurityAudit(event) {
    event.preventDefault();
    const instance = state.selected;
    if (!instance) return;
    try {
      upsert(await api('POST', `/api/v1/instances/${path(instance.InstanceId)}/security-audit/enable`,
        {Bucket: $('#audit-bucket').value}));
      $('#security-audit-note').hidden = true;
    } catch (e) {
      $('#audit-error').textContent = e.describe();
      $('#audit-error').hidden = false;
    }
  }

  // ---- Disconnect and Connect to HSM ---------------------------------------------------------

  function openDialog(dialog) {
    dialogError(dialog, null);
    dialog.showModal();
    const first = $('[autofocus]', dialog);
    if (first) first.focus();
  }

  function openDisconnect() {
    const instance = state.selected;
    $('#disconnect-instance').textContent = instance.InstanceId;
    $('#disconnect-cluster').textContent = instance.HsmClusterId;
    openDialog($('#disconnect-dialog'));
  }

  async function disconnect() {
    const dialog = $('#disconnect-dialog');
    const id = state.selected.InstanceId;
    try {
      const instance = await whileBusy($('#disconnect-confirm'), 'Disconnecting…',
        () => api('POST', `/api/v1/instances/${path(id)}/disconnect`));
      dialog.close();
      upsert(instance);
      notice(`${id} is disconnected from ${instance.HsmClusterId}: the status is ${instance.Status}.`);
    } catch (e) {
      dialogError(dialog, e);
    }
  }

  let connecting = null;

  function openConnect(id) {
    const instance = state.instances.find(i => i.InstanceId === id) || state.selected;
    connecting = id;
    $('#connect-instance').textContent = id;
    $('#connect-cluster').textContent = instance ? instance.HsmClusterId : '';
    $('#connect-password').value = '';
    openDialog($('#connect-dialog'));
  }

  async function connect(event) {
    event.preventDefault();
    const dialog = $('#connect-dialog');
    const user = $('#connect-user').value.trim();
    const password = $('#connect-password').value;
    if (!user || !password) {
      dialogError(dialog, 'Enter the HSM crypto user (kmsuser by default) and its password.');
      return;
    }
    const id = connecting;
    try {
      const instance = await whileBusy($('#connect-submit'), 'Connecting…',
        () => api('POST', `/api/v1/instances/${path(id)}/connect`, {User: user, Password: password}));
      $('#connect-password').value = '';
      dialog.close();
      clearAlert();
      upsert(instance);
      watch(id, 'Connecting');
    } catch (e) {
      dialogError(dialog, e);
    }
  }

  // ---- Create Instance -----------------------------------------------------------------------

  async function openCreate() {
    const dialog = $('#create-dialog');
    $('#create-region').textContent = regionName(state.region);
    $('#create-password').value = '';
    const select = $('#create-cluster');
    select.replaceChildren(el('option', {value: '', text: 'Loading HSM clusters…'}));
    openDialog(dialog);
    try {
      const list = await api('GET', `/api/v1/hsm-clusters?RegionId=${path(state.region)}`);
      const free = list.HsmClusters.filter(c => c.Status === 'Initialized' && !c.InstanceId);
      select.replaceChildren(...free.map(c => el('option', {value: c.HsmClusterId, text: `${c.Name} (${c.HsmClusterId})`})));
      if (free.length === 0) {
        select.replaceChildren(el('option', {value: '', text: 'No free initialised HSM cluster'}));
        dialogError(dialog, `There is no initialised HSM cluster without an instance in ${regionName(state.region)}: `
          + 'register one with "strongroom hsm-cluster create" and initialise it with "strongroom hsm-cluster init".');
      } else {
        const cluster = free[0];
        $('#create-user').value = cluster.CryptoUser || 'kmsuser';
      }
    } catch (e) {
      dialogError(dialog, e);
    }
  }

  async function create(event) {
    event.preventDefault();
    const dialog = $('#create-dialog');
    const request = {
      RegionId: state.region,
      InstanceName: $('#create-name').value.trim(),
      VpcId: $('#create-vpc-id').value.trim(),
      AllowedCidrs: $('#create-cidrs').value.split(/[\s,]+/).filter(Boolean),
      Spec: Number($('#create-spec').value),
      HsmClusterId: $('#create-cluster').value,
      Credential: {User: $('#create-user').value.trim(), Password: $('#create-password').value}
    };
    try {
      const instance = await whileBusy($('#create-submit'), 'Creating…', () => api('POST', '/api/v1/instances', request));
      $('#create-password').value = '';
      $('#create-form').reset();
      dialog.close();
      upsert(instance);
      watch(instance.InstanceId, 'Connecting');
    } catch (e) {
      dialogError(dialog, e);
    }
  }


  // ---- Access: network rules, policies, access points and client keys of an instance ------------

  const accessPath = what => `/api/v1/instances/${path(state.access)}/${what}`;
  const when = iso => iso ? new Date(iso).toLocaleString() : '—';
  const dash = value => value === null || value === undefined || value === '' ? '—' : String(value);
  const lines = text => text.split(/[\s,]+/).filter(Boolean);

  function openAccess() {
    $('#access-title').textContent = `Access: ${state.access}`;
    $('#access-instance').textContent = state.access;
    $('#access-title').focus();
    loadAccess();
  }

  function placeholder(table, columns, content) {
    $(`#${table} tbody`).replaceChildren(el('tr', {}, el('td', {colspan: columns, class: 'placeholder'}, content)));
  }

  async function loadAccess() {
    const id = state.access;
    placeholder('rules', 5, [el('span', {class: 'spinner', 'aria-hidden': 'true'}), 'Loading…']);
    try {
      const [rules, policies, aaps, keys] = await Promise.all(['network-rules', 'policies', 'access-points', 'client-keys']
        .map(what => api('GET', accessPath(what))));
      if (id !== state.access) return;
      state.rules = rules.NetworkRules;
      state.policies = policies.Policies;
      state.aaps = aaps.ApplicationAccessPoints;
      state.clientKeys = keys.ClientKeys;
      renderAccess();
    } catch (e) {
      for (const [table, columns] of [['rules', 5], ['policies', 6], ['aaps', 6], ['client-keys', 6]]) {
        placeholder(table, columns, 'Could not be loaded.');
      }
      if (e.status !== 401) showAlert(e.describe());
    }
  }

  function deleteButton(kind, name) {
    return el('td', {'data-label': 'Actions', class: 'actions'},
      el('button', {type: 'button', class: 'link', 'aria-label': `Delete ${kind.label} ${name}`,
        onclick: () => openDelete(kind, name), text: 'Delete'}));
  }

  function renderAccess() {
    const rows = (table, columns, items, empty, row) => {
      if (items.length === 0) placeholder(table, columns, empty);
      else $(`#${table} tbody`).replaceChildren(...items.map(row));
    };
    rows('rules', 5, state.rules, 'No network rules yet. Click Create Network Rule.', rule => el('tr', {'data-name': rule.Name},
      el('td', {'data-label': 'Name', class: 'mono', text: rule.Name}),
      el('td', {'data-label': 'Source private IPs', class: 'mono', text: (rule.SourcePrivateIp || []).join(', ')}),
      el('td', {'data-label': 'Description', text: dash(rule.Description)}),
      el('td', {'data-label': 'Created', text: when(rule.CreateTime)}),
      deleteButton(KINDS.rule, rule.Name)));
    rows('policies', 6, state.policies, 'No policies yet. Create a network rule, then click Create Policy.', policy => el('tr', {'data-name': policy.Name},
      el('td', {'data-label': 'Name', class: 'mono', text: policy.Name}),
      el('td', {'data-label': 'Permissions', class: 'mono', text: (policy.Permissions || []).join(', ')}),
      el('td', {'data-label': 'Resources', class: 'mono', text: (policy.Resources || []).join(', ')}),
      el('td', {'data-label': 'Network rules', class: 'mono',
        text: dash(((policy.AccessControlRules && policy.AccessControlRules.NetworkRules) || []).join(', '))}),
      el('td', {'data-label': 'Description', text: dash(policy.Description)}),
      deleteButton(KINDS.policy, policy.Name)));
    rows('aaps', 6, state.aaps, 'No access points yet. Create a policy, then click Create Application Access Point.', aap => el('tr', {'data-name': aap.Name},
      el('td', {'data-label': 'Name', class: 'mono', text: aap.Name}),
      el('td', {'data-label': 'Authentication', text: aap.AuthenticationMethod}),
      el('td', {'data-label': 'Policies', class: 'mono', text: (aap.Policies || []).join(', ')}),
      el('td', {'data-label': 'Description', text: dash(aap.Description)}),
      el('td', {'data-label': 'Created', text: when(aap.CreateTime)}),
      deleteButton(KINDS.aap, aap.Name)));
    rows('client-keys', 6, state.clientKeys, 'No client keys yet. Create an access point, then click Create Client Key.', key => el('tr', {'data-name': key.ClientKeyId},
      el('td', {'data-label': 'ClientKeyId', class: 'mono', text: key.ClientKeyId}),
      el('td', {'data-label': 'Access point', class: 'mono', text: key.AapName}),
      el('td', {'data-label': 'Algorithm', text: key.KeyAlgorithm}),
      el('td', {'data-label': 'Valid from', text: when(key.NotBefore)}),
      el('td', {'data-label': 'Valid until', text: when(key.NotAfter)}),
      deleteButton(KINDS.clientKey, key.ClientKeyId)));
  }

  /** Checkboxes, one per name; a note instead when there is nothing to pick. */
  function choices(box, name, names, none) {
    $(box).replaceChildren(...(names.length === 0 ? [el('p', {class: 'hint', text: none})]
      : names.map(n => el('label', {class: 'check'}, el('input', {type: 'checkbox', name, value: n}), n))));
  }

  const checked = box => [...document.querySelectorAll(`${box} input:checked`)].map(input => input.value);

  function openCreateDialog(dialog) {
    $('form', dialog).reset();
    openDialog(dialog);
  }

  /** Sends a create request from a dialog; on success closes it, reloads the lists and says so. */
  async function submitCreate(dialog, button, what, request, done) {
    try {
      const created = await whileBusy(button, 'Creating…', () => api('POST', accessPath(what), request));
      dialog.close();
      notice(done(created));
      await loadAccess();
      return created;
    } catch (e) {
      dialogError(dialog, e);
      return null;
    }
  }

  function openCreateRule() {
    openCreateDialog($('#rule-dialog'));
  }

  function createRule(event) {
    event.preventDefault();
    submitCreate($('#rule-dialog'), $('#rule-submit'), 'network-rules', {
      Name: $('#rule-name').value.trim(), Type: 'Private', SourcePrivateIp: lines($('#rule-sources').value),
      Description: $('#rule-description').value.trim()
    }, rule => `Network rule ${rule.Name} is created.`);
  }

  function policyScope() {
    $('#policy-key-ids').disabled = !$('#policy-some-keys').checked;
  }

  function openCreatePolicy() {
    const dialog = $('#policy-dialog');
    openCreateDialog(dialog);
    policyScope();
    choices('#policy-rule-choices', 'NetworkRules', state.rules.map(r => r.Name),
      'This instance has no network rules: create one first, or the policy lets no address in.');
  }

  function createPolicy(event) {
    event.preventDefault();
    const resources = $('#policy-all-keys').checked ? ['key/*']
      : lines($('#policy-key-ids').value).map(id => id.startsWith('key/') ? id : `key/${id}`);
    submitCreate($('#policy-dialog'), $('#policy-submit'), 'policies', {
      Name: $('#policy-name').value.trim(), Permissions: [$('#policy-permission').value], Resources: resources,
      AccessControlRules: {NetworkRules: checked('#policy-rule-choices')}, Description: $('#policy-description').value.trim()
    }, policy => `Policy ${policy.Name} is created.`);
  }

  function openCreateAap() {
    openCreateDialog($('#aap-dialog'));
    choices('#aap-policy-choices', 'Policies', state.policies.map(p => p.Name),
      'This instance has no policies: create one first.');
  }

  function createAap(event) {
    event.preventDefault();
    submitCreate($('#aap-dialog'), $('#aap-submit'), 'access-points', {
      Name: $('#aap-name').value.trim(), AuthenticationMethod: 'ClientKey', Policies: checked('#aap-policy-choices'),
      Description: $('#aap-description').value.trim()
    }, aap => `Application access point ${aap.Name} is created.`);
  }

  // The one copy of a new client key's private key data, between its creation and its download
  // (or its discarding). Never put in the DOM; forgotten as soon as the file is made.
  let issuedKey = null;

  function openCreateClientKey() {
    const dialog = $('#client-key-dialog');
    forgetIssuedKey();
    $('#client-key-form').hidden = false;
    $('#client-key-issued').hidden = true;
    openCreateDialog(dialog);
    const select = $('#client-key-aap');
    select.replaceChildren(...state.aaps.map(a => el('option', {value: a.Name, text: a.Name})));
    if (state.aaps.length === 0) {
      select.replaceChildren(el('option', {value: '', text: 'No application access point'}));
      dialogError(dialog, 'This instance has no application access point: create one first.');
    }
  }

  async function createClientKey(event) {
    event.preventDefault();
    const dialog = $('#client-key-dialog');
    const password = $('#client-key-password');
    const again = $('#client-key-password2');
    if (password.value !== again.value) {
      dialogError(dialog, 'The two passwords do not match; type the same password twice.');
      again.focus();
      return;
    }
    try {
      const created = await whileBusy($('#client-key-submit'), 'Creating…', () => api('POST', accessPath('client-keys'),
        {AapName: $('#client-key-aap').value, Password: password.value}));
      password.value = '';
      again.value = '';
      issuedKey = {KeyId: created.KeyId, PrivateKeyData: created.PrivateKeyData};
      delete created.PrivateKeyData;
      dialogError(dialog, null);
      $('#client-key-form').hidden = true;
      $('#client-key-issued').hidden = false;
      $('#client-key-issued-id').textContent = created.ClientKeyId;
      const download = $('#client-key-download');
      download.textContent = `Download clientKey_${created.KeyId}.json`;
      download.disabled = false;
      $('#client-key-discard').textContent = 'Close without downloading';
      download.focus();
      loadAccess();
    } catch (e) {
      dialogError(dialog, e);
    }
  }

  /** Makes clientKey_<KeyId>.json in the page, hands it to the browser once, and forgets it. */
  function downloadClientKey() {
    if (!issuedKey) return;
    const name = `clientKey_${issuedKey.KeyId}.json`;
    const url = URL.createObjectURL(new Blob([JSON.stringify(issuedKey)], {type: 'application/json'}));
    forgetIssuedKey();
    const link = el('a', {href: url, download: name, hidden: true});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    const button = $('#client-key-download');
    button.disabled = true;
    button.textContent = `Downloaded ${name}`;
    $('#client-key-discard').textContent = 'Close';
    $('#client-key-discard').focus();
    notice(`${name} is downloaded. It cannot be downloaded again.`);
  }

  function forgetIssuedKey() {
    if (issuedKey) issuedKey.PrivateKeyData = null;
    issuedKey = null;
  }

  function closeClientKey() {
    forgetIssuedKey();
    $('#client-key-dialog').close();
  }

  const KINDS = {
    rule: {label: 'network rule', what: 'network-rules', consequence: 'Policies that use it must be changed or deleted first.'},
    policy: {label: 'policy', what: 'policies', consequence: 'Access points that use it must be changed or deleted first.'},
    aap: {label: 'application access point', what: 'access-points', consequence: 'Its client keys must be deleted first.'},
    clientKey: {label: 'client key', what: 'client-keys',
      consequence: 'Applications that use this client key are refused from then on. This cannot be undone.'}
  };
  let deleting = null;

  function openDelete(kind, name) {
    deleting = {kind, name, instance: state.access};
    $('#delete-title').textContent = `Delete ${kind.label}`;
    $('#delete-question').textContent = `Delete the ${kind.label} ${name} of instance ${state.access}?`;
    $('#delete-consequence').textContent = kind.consequence;
    $('#delete-confirm').disabled = false;
    openDialog($('#delete-dialog'));
  }

  async function confirmDelete() {
    const dialog = $('#delete-dialog');
    const {kind, name} = deleting;
    try {
      await whileBusy($('#delete-confirm'), 'Deleting…', () => api('DELETE', `${accessPath(kind.what)}/${path(name)}`));
      dialog.close();
      notice(`The ${kind.label} ${name} is deleted.`);
      await loadAccess();
    } catch (e) {
      dialogError(dialog, e);
      if (e.code === 'NotFound') loadAccess();
    }
  }

  // ---- HSM clusters --------------------------------------------------------------------------

  async function loadClusters() {
    const box = $('#clusters');
    box.replaceChildren(el('p', {class: 'placeholder'}, el('span', {class: 'spinner', 'aria-hidden': 'true'}), 'Loading HSM clusters…'));
    try {
      const region = state.region;
      const list = await api('GET', `/api/v1/hsm-clusters?RegionId=${path(region)}`);
      if (region !== state.region) return;
      box.replaceChildren(...list.HsmClusters.map(renderCluster));
      if (list.HsmClusters.length === 0) {
        box.replaceChildren(el('p', {class: 'placeholder', text: `No HSM clusters in ${regionName(region)}.`}));
      }
    } catch (e) {
      box.replaceChildren();
      if (e.status !== 401) showAlert(e.describe());
    }
  }

  function renderCluster(cluster) {
    const nodes = cluster.Nodes.map(node => el('tr', {},
      el('td', {'data-label': 'Node ID', class: 'mono', text: node.NodeId}),
      el('td', {'data-label': 'Zone', text: node.ZoneId}),
      el('td', {'data-label': 'Token', class: 'mono', text: node.TokenLabel}),
      el('td', {'data-label': 'Health'}, el('span', {class: `badge health-${(node.Health || 'Unknown').toLowerCase()}`, text: node.Health})),
      el('td', {'data-label': 'Message', text: node.HealthMessage || '—'}),
      el('td', {'data-label': 'Last checked', text: node.LastCheckedTime ? new Date(node.LastCheckedTime).toLocaleString() : '—'})));
    return el('section', {class: 'card', 'aria-label': `HSM cluster ${cluster.HsmClusterId}`},
      el('h2', {}, `${cluster.Name} `, el('span', {class: 'mono muted', text: cluster.HsmClusterId})),
      el('dl', {class: 'fields compact'},
        el('dt', {text: 'Status'}), el('dd', {text: cluster.Status}),
        el('dt', {text: 'Instance'}), el('dd', {class: 'mono', text: cluster.InstanceId || '—'}),
        el('dt', {text: 'Crypto user'}), el('dd', {text: cluster.CryptoUser}),
        el('dt', {text: 'Minimum nodes'}), el('dd', {text: cluster.MinimumNodes}),
        el('dt', {text: 'Domain key check value'}), el('dd', {class: 'mono', text: cluster.DomainKeyCheckValue || '—'})),
      el('div', {class: 'table-wrap'}, el('table', {class: 'list'},
        el('thead', {}, el('tr', {}, ...['Node ID', 'Zone', 'Token', 'Health', 'Message', 'Last checked']
          .map(h => el('th', {scope: 'col', text: h})))),
        el('tbody', {}, nodes))));
  }

  // ---- wiring --------------------------------------------------------------------------------

  function wire() {
    $('#logon-form').addEventListener('submit', logOn);
    $('#log-off').addEventListener('click', logOff);
    $('#region').addEventListener('change', () => {
      state.region = $('#region').value;
      sessionStorage.setItem('strongroom.region', state.region);
      // An instance's access page belongs to its region: another region shows its instance list.
      if (state.view === 'access') location.hash = '#dedicated-kms';
      else route();
    });
    window.addEventListener('hashchange', route);
    // Clicking the current section again reloads it, as operators expect of a console.
    $('#nav-dedicated-kms').addEventListener('click', () => {
      if (location.hash === '#dedicated-kms') route();
    });
    $('#nav-hsm-clusters').addEventListener('click', () => {
      if (location.hash === '#hsm-clusters') route();
    });
    $('#refresh-instances').addEventListener('click', loadInstances);
    $('#refresh-clusters').addEventListener('click', loadClusters);
    $('#create-instance').addEventListener('click', openCreate);
    $('#create-form').addEventListener('submit', create);
    $('#details-close').addEventListener('click', closeDetails);
    $('#d-disconnect').addEventListener('click', openDisconnect);
    $('#d-enable').addEventListener('click', () => openConnect(state.selected.InstanceId));
    $('#disconnect-confirm').addEventListener('click', disconnect);
    $('#connect-form').addEventListener('submit', connect);
    $('#security-audit').addEventListener('click', toggleSecurityAudit);
    $('#security-audit-note').addEventListener('submit', enableSecurityAudit);
    $('#d-ca-download').addEventListener('click', downloadCa);
    $('#alert-close').addEventListener('click', clearAlert);
    $('#d-access').addEventListener('click', () => {
      location.hash = `#access/${path(state.selected.InstanceId)}`;
    });
    $('#refresh-access').addEventListener('click', loadAccess);
    $('#create-rule').addEventListener('click', openCreateRule);
    $('#rule-form').addEventListener('submit', createRule);
    $('#create-policy').addEventListener('click', openCreatePolicy);
    $('#policy-form').addEventListener('submit', createPolicy);
    $('#policy-all-keys').addEventListener('change', policyScope);
    $('#policy-some-keys').addEventListener('change', policyScope);
    $('#create-aap').addEventListener('click', openCreateAap);
    $('#aap-form').addEventListener('submit', createAap);
    $('#create-client-key').addEventListener('click', openCreateClientKey);
    $('#client-key-form').addEventListener('submit', createClientKey);
    $('#client-key-download').addEventListener('click', downloadClientKey);
    $('#client-key-discard').addEventListener('click', closeClientKey);
    // Escape must not throw away a client key that is not downloaded yet; closing forgets it.
    $('#client-key-dialog').addEventListener('cancel', event => {
      if (issuedKey) event.preventDefault();
    });
    $('#client-key-dialog').addEventListener('close', () => {
      forgetIssuedKey();
      $('#client-key-password').value = '';
      $('#client-key-password2').value = '';
    });
    $('#delete-confirm').addEventListener('click', confirmDelete);
    for (const button of document.querySelectorAll('dialog [data-close]')) {
      button.addEventListener('click', () => button.closest('dialog').close());
    }
    document.addEventListener('keydown', event => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]') && !$('#details').hidden) closeDetails();
    });
  }

  async function boot() {
    wire();
    try {
      const session = await api('GET', SESSION);
      await startApp(session);
    } catch (e) {
      showLogon(e.status === 401 || e.status === undefined ? '' : e.describe());
    }
  }

  boot();
})();
