import {
  allowsObjection,
  allowsPortability,
  berlinIsoDate,
  describeTransfer,
  formatBerlinDate,
  formatLegalBasis,
  formatMonths,
  isConsent,
} from './documents.format.ts';
import { autolink, html, link, lines, page } from './documents.html.ts';
import type { SafeHtml } from './documents.html.ts';
import type { NoticeModel } from './notice.service.ts';

/**
 * The public privacy notice of one platform (Art. 13 DSGVO), rendered from the registry. Each
 * Art. 13 element is a section of its own with a stable id and heading.
 */

interface Section {
  readonly id: string;
  readonly title: string;
  readonly body: SafeHtml;
  readonly highlighted?: boolean;
}

function renderSection(section: Section): SafeHtml {
  return html`<section
    id="${section.id}"
    class="${section.highlighted ? 'section highlighted' : 'section'}"
    aria-labelledby="${section.id}-titel"
  >
    <h2 id="${section.id}-titel">${section.title}</h2>
    ${section.body}
  </section> `;
}

function channelsSection({ platform, channels }: NoticeModel): SafeHtml {
  if (channels.length === 0) {
    return html`<p>Derzeit betreiben wir auf ${platform.name} keinen aktiven Kanal.</p>`;
  }
  return html`<p>Diese Hinweise gelten für unsere Kanäle auf ${platform.name}:</p>
    <ul>
      ${channels.map(
        (channel) =>
          html`<li>
            ${link(channel.url, channel.name)} (${channel.handle}), betreut von:
            ${channel.orgUnitName}
          </li>`,
      )}
    </ul>`;
}

function controllerSection({ organisation: org, platform }: NoticeModel): SafeHtml {
  return html`<p>
      Verantwortlich für die Verarbeitung Ihrer Daten im Rahmen unseres Auftritts ist:
    </p>
    <address>
      ${org.controllerName}<br />${lines(org.controllerAddress)}<br />
      E-Mail:
      <a href="mailto:${org.controllerEmail}">${org.controllerEmail}</a
      >${org.controllerPhone ? html`<br />Telefon: ${org.controllerPhone}` : ''}
    </address>
    <p>
      Unsere allgemeine ${link(org.privacyNoticeUrl, 'Datenschutzerklärung')} und unser
      ${link(org.imprintUrl, 'Impressum')} finden Sie auf unserer Website.
    </p>
    <p>
      Die Plattform ${platform.name} betreibt ${platform.operator.legalEntity},
      ${platform.operator.address}.
    </p>`;
}

function purposesSection({ platform }: NoticeModel): SafeHtml {
  const publicTask = platform.purposes.some((p) => /lit\.\s*e\b/.test(p.legalBasis.gdpr));
  return html`<p>Wir verarbeiten Ihre Daten zu diesen Zwecken und auf diesen Rechtsgrundlagen:</p>
    <ul class="purposes">
      ${platform.purposes.map(
        (purpose) =>
          html`<li>
            <span class="purpose">${purpose.text}</span><br />
            <span class="basis">Rechtsgrundlage: ${formatLegalBasis(purpose.legalBasis)}</span>
          </li>`,
      )}
    </ul>
    ${publicTask ? html`<p>Unsere öffentliche Aufgabe ergibt sich aus den genannten Zwecken, etwa der Information über aktuelle Themen der Stadtverwaltung oder dem offenen Dialog mit den Bürgerinnen und Bürgern.</p>` : ''}`;
}

function jointControllershipSection({ platform }: NoticeModel): SafeHtml {
  const operator = platform.operator.legalEntity;
  const joint = platform.jointControllership;
  if (joint === null) {
    return html`<p>
      Für unseren Auftritt auf ${platform.name} besteht keine gemeinsame Verantwortlichkeit nach
      Art. 26 DSGVO. ${operator} verarbeitet Ihre Daten in eigener Verantwortung und zu eigenen
      Zwecken; darauf haben wir keinen Einfluss. Für unsere eigene Verarbeitung, etwa die Antwort
      auf Ihre Anfrage, sind allein wir verantwortlich.
    </p>`;
  }
  return html`<p>
      Für folgende Verarbeitung sind wir gemeinsam mit ${operator} verantwortlich (Art. 26 DSGVO):
      ${joint.scope}.
    </p>
    <p>
      Die Einzelheiten regelt eine
      ${link(joint.arrangementUrl, 'Vereinbarung über die gemeinsame Verantwortlichkeit')}.
      ${link(joint.essencePublishedUrl, 'Das Wesentliche dieser Vereinbarung')} stellt der Betreiber
      öffentlich bereit.
    </p>
    <p>Ansprechstelle für diese gemeinsame Verarbeitung: ${autolink(joint.contactPoint)}</p>
    <p>
      Sie können Ihre Rechte bei und gegenüber jedem der Verantwortlichen geltend machen (Art. 26
      Abs. 3 DSGVO), also bei uns oder bei ${operator}. Betrifft Ihre Anfrage an uns den Teil, für
      den ${operator} zuständig ist, leiten wir sie innerhalb von ${joint.forwardingDeadlineDays}
      Tagen dorthin weiter.
    </p>
    <p>
      Im Übrigen verarbeitet ${operator} Daten in eigener Verantwortung; darauf haben wir keinen
      Einfluss.
    </p>`;
}

function recipientsSection({ platform }: NoticeModel): SafeHtml {
  if (platform.recipients.length === 0) {
    return html`<p>Wir geben Ihre Daten nicht an andere Stellen weiter.</p>`;
  }
  return html`<p>Ihre Daten erhalten:</p>
    <ul>
      ${platform.recipients.map((recipient) => html`<li>${recipient}</li>`)}
    </ul>`;
}

function transfersSection({ platform }: NoticeModel): SafeHtml {
  const operator = platform.operator.legalEntity;
  if (platform.transfers.length === 0) {
    return html`<p>
      Nach unserer Kenntnis übermittelt ${operator} Ihre Daten nicht in Länder außerhalb der
      Europäischen Union und des Europäischen Wirtschaftsraums.
    </p>`;
  }
  return html`<p>
      ${operator} übermittelt Daten auch in Länder außerhalb der Europäischen Union und des
      Europäischen Wirtschaftsraums (Drittländer). Ein angemessenes Datenschutzniveau wird dabei so
      gesichert:
    </p>
    <ul>
      ${platform.transfers.map((transfer) => html`<li>${autolink(describeTransfer(transfer))}</li>`)}
    </ul>
    <p>
      Mehr dazu steht in der
      ${link(platform.operator.privacyPolicyUrl, `Datenschutzrichtlinie von ${operator}`)}.
    </p>`;
}

function storageSection({ organisation: org, platform }: NoticeModel): SafeHtml {
  const operator = platform.operator.legalEntity;
  return html`<h3>Bei uns</h3>
    <p>
      Wenn Sie sich mit einer Anfrage an uns wenden, speichern wir Ihre Daten während der
      Bearbeitung und ${formatMonths(org.inquiryRetentionMonths)} nach deren Ende. Danach löschen
      wir sie, es sei denn, eine gesetzliche Aufbewahrungspflicht verlangt eine längere Speicherung.
    </p>
    <h3>Bei ${operator}</h3>
    ${
      platform.storagePeriods
        ? html`<p>${autolink(platform.storagePeriods)}</p>`
        : html`<p>
            ${operator} bestimmt selbst, wie lange Daten gespeichert werden. Darauf haben wir keinen
            Einfluss.
          </p>`
    }
    <p>
      Angaben dazu finden Sie in der
      ${link(platform.operator.privacyPolicyUrl, `Datenschutzrichtlinie von ${operator}`)}.
    </p>`;
}

function rightsSection({ organisation: org, platform }: NoticeModel): SafeHtml {
  const bases = platform.purposes.map((purpose) => purpose.legalBasis);
  return html`<p>Sie haben uns gegenüber diese Rechte:</p>
    <ul>
      <li>Auskunft über die zu Ihnen gespeicherten Daten (Art. 15 DSGVO)</li>
      <li>Berichtigung unrichtiger Daten (Art. 16 DSGVO)</li>
      <li>Löschung Ihrer Daten (Art. 17 DSGVO)</li>
      <li>Einschränkung der Verarbeitung (Art. 18 DSGVO)</li>
      ${bases.some(allowsPortability) ? html`<li>Datenübertragbarkeit (Art. 20 DSGVO), soweit die Verarbeitung auf Ihrer Einwilligung oder einem Vertrag beruht</li>` : ''}
      ${bases.some(isConsent) ? html`<li>Widerruf Ihrer Einwilligung mit Wirkung für die Zukunft (Art. 7 Abs. 3 DSGVO)</li>` : ''}
      ${bases.some(allowsObjection) ? html`<li>Widerspruch gegen die Verarbeitung (Art. 21 DSGVO), siehe <a href="#widerspruch">Ihr Widerspruchsrecht</a></li>` : ''}
    </ul>
    <p>
      Schreiben Sie uns dazu formlos an
      <a href="mailto:${org.controllerEmail}">${org.controllerEmail}</a> oder per Post an
      ${org.controllerName}, ${org.controllerAddress}.
    </p>
    <p>
      Für die Verarbeitung durch ${platform.operator.legalEntity} können Sie sich auch direkt an den
      Betreiber wenden: ${autolink(platform.operator.rightsContact)}
    </p>`;
}

/** Art. 21(4): the objection right, clearly and separately from any other information. */
function objectionSection({ organisation: org, platform }: NoticeModel): SafeHtml {
  const objectable = platform.purposes.filter((purpose) => allowsObjection(purpose.legalBasis));
  if (objectable.length === 0) {
    return html`<p>
      Die hier beschriebenen Verarbeitungen beruhen nicht auf Art. 6 Abs. 1 lit. e oder f DSGVO. Ein
      Widerspruchsrecht nach Art. 21 DSGVO besteht deshalb nicht.
    </p>`;
  }
  return html`<p>
      <strong
        >Sie haben das Recht, aus Gründen, die sich aus Ihrer besonderen Situation ergeben,
        jederzeit Widerspruch gegen die Verarbeitung Ihrer Daten einzulegen (Art. 21 Abs. 1
        DSGVO).</strong
      >
      Das gilt für die Verarbeitung auf Grundlage von Art. 6 Abs. 1 lit. e oder f DSGVO, hier:
    </p>
    <ul>
      ${objectable.map((purpose) => html`<li>${purpose.text}</li>`)}
    </ul>
    <p>
      Nach einem Widerspruch verarbeiten wir Ihre Daten für diese Zwecke nicht mehr. Das gilt nicht,
      wenn wir zwingende schutzwürdige Gründe für die Verarbeitung nachweisen, die Ihre Interessen,
      Rechte und Freiheiten überwiegen, oder wenn die Verarbeitung der Geltendmachung, Ausübung oder
      Verteidigung von Rechtsansprüchen dient.
    </p>
    <p>
      Ihren Widerspruch können Sie formlos an
      <a href="mailto:${org.controllerEmail}">${org.controllerEmail}</a> richten.
    </p>`;
}

function complaintSection({ organisation: org }: NoticeModel): SafeHtml {
  return html`<p>
      Wenn Sie meinen, dass die Verarbeitung Ihrer Daten gegen das Datenschutzrecht verstößt, können
      Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO). Für uns zuständig
      ist:
    </p>
    <address>${autolink(org.supervisoryAuthority)}</address>`;
}

function cookiesSection({ platform }: NoticeModel): SafeHtml {
  const op = platform.operator;
  return html`<p>
      ${op.legalEntity} verarbeitet Ihre Daten auch mit Cookies, Tracking-Werkzeugen und ähnlichen
      Techniken: für den Betrieb der Plattform und für Werbung. Das gilt auch, wenn Sie nicht
      angemeldet oder registriert sind. Wie und in welchem Umfang das geschieht, können wir nicht im
      Einzelnen nachvollziehen; darauf haben wir keinen Einfluss.
    </p>
    <p>
      Welche Cookies eingesetzt werden und wie Sie sie steuern können, beschreibt der Betreiber in
      seiner
      ${
        op.cookiePolicyUrl
          ? link(op.cookiePolicyUrl, 'Cookie-Richtlinie')
          : link(op.privacyPolicyUrl, 'Datenschutzrichtlinie')
      }.
      In Ihrem Konto finden Sie die Einstellungen meist unter „Privatsphäre-Einstellungen“ oder
      „Datenschutzeinstellungen“. Auf Ihrem Gerät können Sie zum Beispiel die Werbe-ID verwalten und
      personalisierte Werbung abschalten.
    </p>
    <p>
      Sie können Cookies auch in Ihrem Browser verwalten oder blockieren, auch ohne Konto bei der
      Plattform. Wie das geht, steht in der Hilfe Ihres Browsers. Ohne Cookies funktioniert die
      Plattform unter Umständen nicht vollständig.
    </p>
    <p>Wir respektieren Ihre Einstellungen und versuchen nicht, sie zu umgehen.</p>`;
}

function policiesSection({ platform }: NoticeModel): SafeHtml {
  const op = platform.operator;
  return html`<ul>
    <li>${link(op.privacyPolicyUrl, `Datenschutzrichtlinie von ${op.legalEntity}`)}</li>
    ${op.cookiePolicyUrl ? html`<li>${link(op.cookiePolicyUrl, `Cookie-Richtlinie von ${op.legalEntity}`)}</li>` : ''}
    <li>Ihre Rechte beim Betreiber: ${autolink(op.rightsContact)}</li>
    ${platform.jointControllership ? html`<li>${link(platform.jointControllership.essencePublishedUrl, 'Wesentlicher Inhalt der Vereinbarung nach Art. 26 DSGVO')}</li>` : ''}
  </ul>`;
}

export function renderNoticePage(model: NoticeModel): string {
  const { organisation: org, platform } = model;
  const updated = formatBerlinDate(platform.updatedAt);
  const objectable = platform.purposes.some((purpose) => allowsObjection(purpose.legalBasis));
  const sections: Section[] = [
    {
      id: 'kanaele',
      title: 'Für welche Kanäle diese Hinweise gelten',
      body: channelsSection(model),
    },
    { id: 'verantwortlicher', title: 'Verantwortlicher', body: controllerSection(model) },
    {
      id: 'datenschutzbeauftragte',
      title: 'Datenschutzbeauftragte/r',
      body: html`<p>
          So erreichen Sie unsere Datenschutzbeauftragte oder unseren Datenschutzbeauftragten:
        </p>
        <address>${autolink(org.dpoContact)}</address>`,
    },
    { id: 'zwecke', title: 'Zwecke und Rechtsgrundlagen', body: purposesSection(model) },
    {
      id: 'gemeinsame-verantwortlichkeit',
      title: 'Gemeinsame Verantwortlichkeit',
      body: jointControllershipSection(model),
    },
    { id: 'empfaenger', title: 'Empfänger', body: recipientsSection(model) },
    { id: 'drittlaender', title: 'Übermittlung in Drittländer', body: transfersSection(model) },
    { id: 'speicherdauer', title: 'Speicherdauer', body: storageSection(model) },
    { id: 'rechte', title: 'Ihre Rechte', body: rightsSection(model) },
    {
      id: 'widerspruch',
      title: 'Ihr Widerspruchsrecht nach Art. 21 DSGVO',
      body: objectionSection(model),
      highlighted: true,
    },
    { id: 'beschwerde', title: 'Beschwerderecht', body: complaintSection(model) },
    { id: 'cookies', title: 'Cookies und Einstellungen', body: cookiesSection(model) },
    {
      id: 'richtlinien',
      title: 'Links zu den Richtlinien des Betreibers',
      body: policiesSection(model),
    },
    {
      id: 'stand',
      title: 'Stand',
      body: html`<p>
        Stand dieser Hinweise:
        <time datetime="${berlinIsoDate(platform.updatedAt)}">${updated}</time>
      </p>`,
    },
  ];
  const body = html`<h1>Datenschutzhinweise für unseren Auftritt auf ${platform.name}</h1>
    <p class="lead">
      Die ${org.controllerName} ist auf ${platform.name} aktiv. Hier erfahren Sie, welche Daten
      dabei verarbeitet werden, wozu, und welche Rechte Sie haben (Art. 13 DSGVO).
      ${objectable ? html`Sie können der Verarbeitung widersprechen: <a href="#widerspruch">Ihr Widerspruchsrecht</a>.` : ''}
    </p>
    <nav class="toc" aria-labelledby="inhalt-titel">
      <h2 id="inhalt-titel">Inhalt</h2>
      <ol>
        ${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}
      </ol>
    </nav>
    ${sections.map(renderSection)}`;
  return page({
    title: `Datenschutzhinweise ${platform.name} – ${org.controllerName}`,
    organisation: org.controllerName,
    body,
    footer: html`<p>
      ${org.controllerName} · ${link(org.privacyNoticeUrl, 'Datenschutzerklärung')} ·
      ${link(org.imprintUrl, 'Impressum')}${org.netiquetteUrl ? html` · ${link(org.netiquetteUrl, 'Netiquette')}` : ''}
      · Stand ${updated}
    </p>`,
  });
}
