'use strict';

// db.getUser(id), db.getOrders(userId), db.getAddress(addressId) — each returns a Promise.

async function loadProfile(db, id) {
  const user = await db.getUser(id);
  if (!user) throw new Error(`user ${id} not found`);
  const orders = await db.getOrders(user.id);
  const total = orders.reduce((sum, order) => sum + order.cents, 0);
  let address = null;
  if (user.addressId) {
    const found = await db.getAddress(user.addressId);
    address = found ? `${found.street}, ${found.city}` : null;
  }
  return { id: user.id, name: user.name, orderCount: orders.length, totalCents: total, address };
}

async function loadProfiles(db, ids) {
  return Promise.all(ids.map((id) => loadProfile(db, id)));
}

module.exports = { loadProfile, loadProfiles };
