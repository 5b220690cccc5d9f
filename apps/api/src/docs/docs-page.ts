/** The interactive API viewer (Swagger UI from the swagger-ui-dist package, served locally). */
export const docsHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kizuna API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

export const docsInitJs = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', withCredentials: true });`;
