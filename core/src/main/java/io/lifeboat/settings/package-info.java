/** How setting values are written, parsed the same way by the service and the CLI. */
package io.lifeboat.settings;
