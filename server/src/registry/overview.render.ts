import { html, link, noticePath, OVERVIEW_PATH, page } from './documents.html.ts';
import type { SafeHtml } from './documents.html.ts';
import type { OverviewModel, PublicChannel } from './notice.service.ts';
import type { Platform } from './registry.schema.ts';

/** The public overview of the city's presence: platforms, purposes, channels and who runs them. */

function channelTable(platform: Platform, channels: readonly PublicChannel[]): SafeHtml {
  if (channels.length === 0) {
    return html`<p>Derzeit betreiben wir auf ${platform.name} keinen aktiven Kanal.</p>`;
  }
  return html`<table>
    <caption>
      Unsere Kanäle auf ${platform.name}
    </caption>
    <thead>
      <tr>
        <th scope="col">Kanal</th>
        <th scope="col">Kennung</th>
        <th scope="col">Zuständig</th>
      </tr>
    </thead>
    <tbody>
      ${channels.map(
        (channel) =>
          html`<tr>
            <td>${link(channel.url, channel.name)}</td>
            <td>${channel.handle}</td>
            <td>${channel.orgUnitName}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function platformSection(entry: OverviewModel['platforms'][number]): SafeHtml {
  const { platform, channels } = entry;
  const id = `plattform-${platform.key}`;
  return html`<section id="${id}" class="section" aria-labelledby="${id}-titel">
    <h2 id="${id}-titel">${platform.name}</h2>
    <h3>Wozu wir ${platform.name} nutzen</h3>
    <ul>
      ${platform.purposes.map((purpose) => html`<li>${purpose.text}</li>`)}
    </ul>
    ${
      platform.targetGroups.length > 0
        ? html`<h3>Wen wir erreichen wollen</h3>
            <ul>
              ${platform.targetGroups.map((group) => html`<li>${group}</li>`)}
            </ul>`
        : ''
    }
    <h3>Kanäle</h3>
    ${channelTable(platform, channels)}
    <p><a href="${noticePath(platform.key)}">Datenschutzhinweise zu ${platform.name}</a></p>
  </section> `;
}

export function renderOverviewPage(model: OverviewModel): string {
  const org = model.organisation;
  const body = html`<h1>Social Media der ${org.controllerName}</h1>
    <p class="lead">
      Hier sehen Sie, auf welchen Plattformen wir aktiv sind, wozu wir sie nutzen und welche Stelle
      den jeweiligen Kanal betreut. Zu jeder Plattform gibt es eigene Datenschutzhinweise.
    </p>
    ${
      model.platforms.length > 0
        ? html`<nav class="toc" aria-labelledby="inhalt-titel">
              <h2 id="inhalt-titel">Plattformen</h2>
              <ul>
                ${model.platforms.map(({ platform }) => html`<li><a href="#plattform-${platform.key}">${platform.name}</a></li>`)}
              </ul>
            </nav>
            ${model.platforms.map(platformSection)}`
        : html`<p>Derzeit sind keine Plattformen eingetragen.</p>`
    }
    <section id="verantwortung" class="section" aria-labelledby="verantwortung-titel">
      <h2 id="verantwortung-titel">Verantwortung</h2>
      <p>
        Verantwortlich ist die ${org.controllerName}, ${org.controllerAddress}, E-Mail
        <a href="mailto:${org.controllerEmail}">${org.controllerEmail}</a>. Wie wir mit Ihren Daten
        umgehen, steht in unserer
        ${link(org.privacyNoticeUrl, 'Datenschutzerklärung')}.${org.netiquetteUrl ? html` Für Kommentare auf unseren Kanälen gilt unsere ${link(org.netiquetteUrl, 'Netiquette')}.` : ''}
      </p>
    </section>`;
  return page({
    title: `Social Media – ${org.controllerName}`,
    organisation: org.controllerName,
    body,
    footer: html`<p>
      ${org.controllerName} · ${link(org.privacyNoticeUrl, 'Datenschutzerklärung')} ·
      ${link(org.imprintUrl, 'Impressum')}
    </p>`,
  });
}

/** German 404 for an unknown platform (or before the registry is set up). */
export function renderNotFoundPage(organisation: string | undefined): string {
  return page({
    title: 'Seite nicht gefunden',
    organisation: organisation ?? 'Social Media',
    body: html`<h1>Seite nicht gefunden</h1>
      <p>
        Zu dieser Adresse gibt es keine Datenschutzhinweise. Vielleicht ist der Link veraltet oder
        die Plattform wird nicht mehr genutzt.
      </p>
      <p><a href="${OVERVIEW_PATH}">Zur Übersicht aller Social-Media-Auftritte</a></p>`,
  });
}
